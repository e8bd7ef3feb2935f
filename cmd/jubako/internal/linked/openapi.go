package linked

import (
	"go.uber.org/fx"

	"github.com/jubako/jubako/platform/gateway"
)

// apiInfo heads the shop's API document. The gateway builds the rest at
// start from the routes the contracts of the modules reached here declare
// (bus.Routes) and from the platform's own, schemas reflected from the Go
// types the handlers send and decode.
var apiInfo = gateway.APIInfo{
	Title:   "jubako shop",
	Version: "1.0.0",
	Description: "Online Boutique rebuilt as a modular monolith. Every error has one shape (GatewayErrorBody). " +
		"Requests are rate-limited per user or client address (http.rate_limit): 429 with Retry-After past the budget. " +
		"Guests are identified by the jubako_session cookie.",
}

// Every build serves the document, and describes every module in it: the
// contracts of the modules it forwards are linked too.
func init() { modules = append(modules, fx.Invoke(serveOpenAPI)) }

func serveOpenAPI(g *gateway.Gateway) { g.ServeAPI("/api/openapi.json", apiInfo) }

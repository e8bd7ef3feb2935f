package host

import (
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/pprof"

	"github.com/jubako/jubako/platform/gateway"
)

// DebugConfig is the debug section.
type DebugConfig struct {
	// Pprof serves Go's runtime profiles at /debug/pprof/ to admins and to
	// holders of the service token; off by default.
	Pprof bool `config:"pprof"`
}

// mountPprof serves /debug/pprof/ behind guard when cfg enables it; a
// process without it answers 404 there like for any unknown path.
func mountPprof(g *gateway.Gateway, cfg DebugConfig, guard fiber.Handler) {
	if !cfg.Pprof {
		return
	}
	g.App.Use("/debug/pprof", guard, pprof.New())
}

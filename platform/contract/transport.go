package contract

import (
	"context"
	"encoding/json"
	"time"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/remote"
	"github.com/jubako/jubako/platform/testkit"
)

// token is the service token of a verified provider's process.
const token = "contract-verification-service-token"

// Settings are the process settings NewProvider needs: the service token
// that lets the remote transport in.
func Settings() testkit.Settings { return testkit.Settings{"service.token": token} }

// transport replays a JSON request to an endpoint and returns the JSON reply.
type transport struct {
	name string
	call func(ctx context.Context, info *bus.EndpointInfo, request []byte) ([]byte, error)
}

// transports are, in order, the two ways a consumer reaches module served
// by process: the process's bus, as from a module beside it, and the
// remote transport to the process over HTTP, as from another process.
func transports(module string, process *testkit.Process) []transport {
	inProcess := func(ctx context.Context, info *bus.EndpointInfo, request []byte) ([]byte, error) {
		return process.Bus.Serve(ctx, info.Name, request)
	}
	rt := remote.NewTransport(module, process.URL, remote.Config{Token: token, Timeout: 10 * time.Second}, remote.NewClient())
	overHTTP := func(ctx context.Context, info *bus.EndpointInfo, request []byte) ([]byte, error) {
		var reply json.RawMessage
		err := rt.Invoke(ctx, &bus.Call{
			Kind: bus.KindCall, Name: info.Name, Module: info.Module, Remote: true, Endpoint: info,
			Request: json.RawMessage(request), Reply: &reply,
		})
		return reply, err
	}
	return []transport{{name: "in process", call: inProcess}, {name: "over the remote transport", call: overHTTP}}
}

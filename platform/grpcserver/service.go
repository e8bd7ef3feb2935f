package grpcserver

import (
	"fmt"
	"slices"

	"go.uber.org/fx"
	"google.golang.org/grpc"
)

// Service is a gRPC service that a module serves on its process's server.
// Modules contribute theirs with Register; the server knows none of them.
type Service struct {
	// Desc and Impl are what grpc.Server.RegisterService takes.
	Desc *grpc.ServiceDesc
	Impl any
	// Module runs the service's calls: their log lines and spans name it,
	// and the bus counts it as the caller of the endpoints they call.
	Module string
	// Needs names the modules whose endpoints the service calls: its
	// health (grpc.health.v1) is NOT_SERVING while one of them, running in
	// another process, does not answer.
	Needs []string
	// Restricted names the methods ("Charge") that only callers bearing the
	// service token, or an admin's token, may call.
	Restricted []string
}

// Register contributes the Service that constructor returns (constructor
// takes what it needs from fx) to the process's gRPC server.
func Register(constructor any) fx.Option {
	return fx.Provide(fx.Annotate(constructor, fx.ResultTags(servicesGroup)))
}

const servicesGroup = `group:"grpc_services"`

// restricted reports whether method (a name of the service) needs the
// service token.
func (s Service) restricted(method string) bool { return slices.Contains(s.Restricted, method) }

func (s Service) check() error {
	if s.Desc == nil || s.Impl == nil || s.Module == "" {
		return fmt.Errorf("grpcserver: a service needs a descriptor, an implementation and a module")
	}
	for _, name := range s.Restricted {
		if !slices.ContainsFunc(s.Desc.Methods, func(m grpc.MethodDesc) bool { return m.MethodName == name }) {
			return fmt.Errorf("grpcserver: %s has no method %q to restrict", s.Desc.ServiceName, name)
		}
	}
	return nil
}

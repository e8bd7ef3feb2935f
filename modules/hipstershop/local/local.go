// Package local runs the hipstershop module in this process: Online
// Boutique's nine gRPC services on the process's gRPC server. It owns no
// tables and brings no migration.
package local

import (
	"github.com/jubako/jubako/modules/hipstershop/internal/adapter"
	"github.com/jubako/jubako/platform/grpcserver"
	"github.com/jubako/jubako/platform/host"
)

// Module registers one adapter per Online Boutique service.
var Module = host.Module("hipstershop",
	grpcserver.Register(adapter.Catalog),
	grpcserver.Register(adapter.Currency),
	grpcserver.Register(adapter.Cart),
	grpcserver.Register(adapter.Recommendation),
	grpcserver.Register(adapter.Shipping),
	grpcserver.Register(adapter.Payment),
	grpcserver.Register(adapter.Email),
	grpcserver.Register(adapter.Checkout),
	grpcserver.Register(adapter.Ad),
)

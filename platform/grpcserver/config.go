package grpcserver

import (
	"net"
	"strconv"

	"github.com/jubako/jubako/platform/config"
)

// Config is the grpc section.
type Config struct {
	// Addr is where the gRPC server listens (host:port or :port); empty
	// turns it off. A process that links no gRPC service never listens.
	Addr string `config:"addr"`
}

// Defaults listen on :50051, the port of Online Boutique's services.
func Defaults() Config { return Config{Addr: ":50051"} }

// Validate checks the section.
func (c Config) Validate() error {
	if c.Addr == "" {
		return nil
	}
	_, port, err := net.SplitHostPort(c.Addr)
	if n, perr := strconv.Atoi(port); err != nil || perr != nil || n < 0 || n > 65535 {
		return config.Invalid("addr", c.Addr, "must be host:port or :port, or empty to turn gRPC off")
	}
	return nil
}

package grpcserver_test

import (
	"context"
	"io"
	"log/slog"
	"net"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/wrapperspb"

	"github.com/jubako/jubako/platform/grpcserver"
)

// BenchmarkUnaryCall is one unary call over loopback, one at a time:
// through the server's whole interceptor (trace, deadline, log, status),
// and on a bare grpc-go server — the baseline, and the figure to set
// against platform/remote's BenchmarkEndpointCall (HTTP/1.1, fasthttp).
func BenchmarkUnaryCall(b *testing.B) {
	in := wrapperspb.String(`{"product_id":"OLJCESPC7Z","quantity":2}`)
	for _, tc := range []struct {
		name  string
		serve func(b *testing.B) string
	}{
		{"jubako", serveJubako},
		{"bare", serveBare},
	} {
		b.Run(tc.name, func(b *testing.B) {
			conn := dial(b, tc.serve(b))
			for b.Loop() {
				if _, err := call(context.Background(), conn, "Echo", in.GetValue()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func serveJubako(b *testing.B) string {
	s, err := grpcserver.New(grpcserver.Options{
		Config:   grpcserver.Config{Addr: "127.0.0.1:0"},
		Services: []grpcserver.Service{{Desc: &echoDesc, Impl: &echo{}, Module: "echo"}},
		Log:      slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Start(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = s.Drain(context.Background()); _ = s.Wait(context.Background()) })
	return s.Addr()
}

// serveBare serves echoDesc with a pass-through interceptor (its handlers
// expect one).
func serveBare(b *testing.B) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	s := grpc.NewServer(grpc.UnaryInterceptor(func(ctx context.Context, req any, _ *grpc.UnaryServerInfo, h grpc.UnaryHandler) (any, error) {
		return h(ctx, req)
	}))
	s.RegisterService(&echoDesc, &echo{})
	go func() { _ = s.Serve(ln) }()
	b.Cleanup(s.Stop)
	return ln.Addr().String()
}

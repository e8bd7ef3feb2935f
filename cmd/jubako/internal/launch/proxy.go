package launch

import (
	"context"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"sync/atomic"
	"time"
)

// balancer gives a replicated service one address, as a Kubernetes Service
// does: each request goes to the next replica in turn.
type balancer struct {
	server *http.Server
}

// listenBalancer serves addr for the replicas at backends.
func listenBalancer(addr string, backends []string) (*balancer, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	var next atomic.Uint64
	proxy := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		target := backends[int(next.Add(1)%uint64(len(backends)))]
		r.SetURL(&url.URL{Scheme: "http", Host: target})
		r.Out.Host = r.In.Host
	}}
	b := &balancer{server: &http.Server{Handler: proxy, ReadHeaderTimeout: 10 * time.Second}}
	// Serve returns once close shuts the server down.
	go func() { _ = b.server.Serve(ln) }()
	return b, nil
}

func (b *balancer) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = b.server.Shutdown(ctx)
}

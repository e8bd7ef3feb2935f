package launch

import (
	"fmt"
	"net"
	"strconv"

	"github.com/jubako/jubako/cmd/jubako/internal/topology"
)

// replica is one process of a service.
type replica struct {
	service topology.Service
	// name is the service's, with the replica's number when it has several.
	name string
	addr string
	// grpc is where it serves Online Boutique's gRPC protocol, when its
	// service runs the adapters ("" closes the port).
	grpc string
}

// layout places the services on loopback ports: a service's address is its
// one replica's, or a balancer's in front of its replicas.
type layout struct {
	addrs    map[string]string
	replicas []replica
}

// place gives addresses to count(s) replicas of every service, from port
// upwards, or on free ports when port is 0; replicas serving gRPC get a
// gRPC address too, from topology.GRPCPort upwards (free ports when port
// is 0).
func place(p *topology.Plan, port int, count func(topology.Service) int) (*layout, error) {
	l := &layout{addrs: map[string]string{}}
	next := func() (string, error) {
		if port == 0 {
			return freeAddr()
		}
		port++
		return "127.0.0.1:" + strconv.Itoa(port-1), nil
	}
	grpcPort := topology.GRPCPort
	grpc := func(s topology.Service) (string, error) {
		switch {
		case !s.ServesGRPC():
			return "", nil
		case port == 0:
			return freeAddr()
		}
		grpcPort++
		return "127.0.0.1:" + strconv.Itoa(grpcPort-1), nil
	}
	for _, s := range p.Services {
		addr, err := next()
		if err != nil {
			return nil, err
		}
		l.addrs[s.Name] = addr
		n := count(s)
		for i := range n {
			r := replica{service: s, name: s.Name, addr: addr}
			if n > 1 {
				r.name = fmt.Sprintf("%s-%d", s.Name, i+1)
				if r.addr, err = next(); err != nil {
					return nil, err
				}
			}
			if r.grpc, err = grpc(s); err != nil {
				return nil, err
			}
			l.replicas = append(l.replicas, r)
		}
	}
	return l, nil
}

// backends are the addresses of service s's replicas when a balancer
// stands in front of them, none otherwise.
func (l *layout) backends(s topology.Service) []string {
	var out []string
	for _, r := range l.replicas {
		if r.service.Name == s.Name && r.addr != l.addrs[s.Name] {
			out = append(out, r.addr)
		}
	}
	return out
}

// url is the base URL of service s.
func (l *layout) url(s topology.Service) string { return "http://" + l.addrs[s.Name] }

func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

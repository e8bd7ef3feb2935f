package launch

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/jubako/jubako/cmd/jubako/internal/topology"
)

// TestPrefixerWritesWholeLines: lines are prefixed whole, however the
// writes cut them.
func TestPrefixerWritesWholeLines(t *testing.T) {
	var out bytes.Buffer
	p := newPrefixer(&console{out: &out}, "pay", 6)
	for _, chunk := range []string{"first li", "ne\nsecond line\nthi", "rd"} {
		_, _ = p.Write([]byte(chunk))
	}
	p.flush()
	want := "pay    | first line\npay    | second line\npay    | third\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}

// TestPlaceGivesEachReplicaAPort: services take ports in order; a
// replicated service's address is its balancer's, its replicas follow;
// each replica of the service running the gRPC adapters gets a gRPC port.
func TestPlaceGivesEachReplicaAPort(t *testing.T) {
	p := &topology.Plan{Services: []topology.Service{
		{Name: "front", Replicas: 2, Modules: []string{topology.GRPCModule}}, {Name: "pay", Replicas: 1}}}
	l, err := place(p, 9000, func(s topology.Service) int { return s.Replicas })
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range l.replicas {
		got = append(got, r.name+"@"+r.addr+"/"+r.grpc)
	}
	want := "front-1@127.0.0.1:9001/127.0.0.1:50051 front-2@127.0.0.1:9002/127.0.0.1:50052 pay@127.0.0.1:9003/"
	if strings.Join(got, " ") != want || l.url(p.Services[0]) != "http://127.0.0.1:9000" || l.url(p.Services[1]) != "http://127.0.0.1:9003" {
		t.Errorf("replicas %v, front %s, pay %s; want %s", got, l.url(p.Services[0]), l.url(p.Services[1]), want)
	}
	if b := l.backends(p.Services[0]); len(b) != 2 || len(l.backends(p.Services[1])) != 0 {
		t.Errorf("backends: front %v, pay %v", b, l.backends(p.Services[1]))
	}
}

// TestBalancerTakesTurns: requests to a service's address go to each of
// its replicas in turn, host header kept.
func TestBalancerTakesTurns(t *testing.T) {
	var backends []string
	for i := range 2 {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprintf(w, "%d %s", i, r.Host)
		}))
		defer srv.Close()
		backends = append(backends, strings.TrimPrefix(srv.URL, "http://"))
	}
	addr, err := freeAddr()
	if err != nil {
		t.Fatal(err)
	}
	b, err := listenBalancer(addr, backends)
	if err != nil {
		t.Fatal(err)
	}
	defer b.close()
	var answers []string
	for range 4 {
		res, err := http.Get("http://" + addr + "/")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		answers = append(answers, string(body))
	}
	if answers[0] == answers[1] || answers[0] != answers[2] || !strings.HasSuffix(answers[0], " "+addr) {
		t.Errorf("answers %q: want replicas in turn, seeing host %s", answers, addr)
	}
}

package bus

import (
	"context"
	"strings"
	"sync"
	"time"
)

// HeaderStale names, on an HTTP answer built from stale replies, the
// endpoints that answered from their last good reply, each with its age:
//
//	X-Jubako-Stale: catalog.GetProduct;age=12s, currency.Convert;age=3s
const HeaderStale = "X-Jubako-Stale"

// Stale is one endpoint that answered a call from its last good reply.
type Stale struct {
	Endpoint string
	// Age is how long ago the reply was fresh.
	Age time.Duration
}

// String is the Stale's form in HeaderStale: "catalog.GetProduct;age=12s".
func (s Stale) String() string {
	return s.Endpoint + ";age=" + s.Age.Round(time.Second).String()
}

// staleRecorder collects the stale answers of one request; the parts of a
// page are fetched concurrently, hence the lock.
type staleRecorder struct {
	mu    sync.Mutex
	stale []Stale
}

type staleKey struct{}

// TrackStale returns ctx with a recorder of the stale answers the calls
// made under it receive; StaleOf reads it. The gateway tracks every
// request, and the remote server every call it serves.
func TrackStale(ctx context.Context) context.Context {
	return context.WithValue(ctx, staleKey{}, &staleRecorder{})
}

// MarkStale records that endpoint answered a call under ctx from a reply
// age old. Without a recorder in ctx it does nothing. An endpoint is
// recorded once per request, with its oldest age.
func MarkStale(ctx context.Context, endpoint string, age time.Duration) {
	r, ok := ctx.Value(staleKey{}).(*staleRecorder)
	if !ok {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for i := range r.stale {
		if r.stale[i].Endpoint == endpoint {
			r.stale[i].Age = max(r.stale[i].Age, age)
			return
		}
	}
	r.stale = append(r.stale, Stale{Endpoint: endpoint, Age: age})
}

// StaleOf lists the stale answers recorded under ctx so far, in the order
// they came; nil when there were none or nothing tracks them.
func StaleOf(ctx context.Context) []Stale {
	r, ok := ctx.Value(staleKey{}).(*staleRecorder)
	if !ok {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.stale) == 0 {
		return nil
	}
	return append([]Stale(nil), r.stale...)
}

// StaleEndpoints names the endpoints of StaleOf(ctx), for a page's "stale"
// list; never nil.
func StaleEndpoints(ctx context.Context) []string {
	names := []string{}
	for _, s := range StaleOf(ctx) {
		names = append(names, s.Endpoint)
	}
	return names
}

// FormatStale is the value of HeaderStale for list.
func FormatStale(list []Stale) string {
	parts := make([]string, len(list))
	for i, s := range list {
		parts[i] = s.String()
	}
	return strings.Join(parts, ", ")
}

// ParseStale reads a HeaderStale value; parts it cannot read are skipped.
func ParseStale(header string) []Stale {
	var list []Stale
	for part := range strings.SplitSeq(header, ",") {
		name, age, _ := strings.Cut(strings.TrimSpace(part), ";age=")
		if name == "" {
			continue
		}
		d, _ := time.ParseDuration(age)
		list = append(list, Stale{Endpoint: name, Age: d})
	}
	return list
}

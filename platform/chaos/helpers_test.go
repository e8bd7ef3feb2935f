package chaos_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/redis/go-redis/v9"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/chaos"
	"github.com/jubako/jubako/platform/testkit"
)

type chargeRequest struct{ Cents int }
type chargeReply struct{ ID string }
type charged struct{ ID string }

// A small shop of its own: pay serves Charge and Refund, mail subscribes
// to pay's event.
var (
	charge  = bus.Endpoint[chargeRequest, chargeReply]("pay.Charge")
	refund  = bus.Endpoint[chargeRequest, chargeReply]("pay.Refund")
	chargeT = bus.Topic[charged]("pay.charged.v1")
	ship    = bus.Endpoint[chargeRequest, chargeReply]("ship.Send")
)

// process is one process of the test: a bus serving pay (and mail's
// subscription) with the faults of store in its chain.
type process struct {
	bus    *bus.Bus
	store  *chaos.Store
	mailed chan string
}

// redisURL is a Redis that several stores share: a miniredis over TCP, or
// a database of JUBAKO_TEST_REDIS_URL's server.
func redisURL(t *testing.T, be testkit.Backend) string { return be.SharedRedis(t) }

func newProcess(t *testing.T, url string) *process {
	t.Helper()
	opt, err := redis.ParseURL(url)
	if err != nil {
		t.Fatal(err)
	}
	rdb := redis.NewClient(opt)
	t.Cleanup(func() { _ = rdb.Close() })
	p := &process{bus: bus.New(), mailed: make(chan string, 16)}
	p.store = chaos.NewStore(rdb, p.bus, prometheus.NewRegistry(), slog.New(slog.DiscardHandler))
	p.bus.Use(p.store.Bus)
	charge.Handle(p.bus, func(_ context.Context, r chargeRequest) (chargeReply, error) { return chargeReply{ID: "ch-1"}, nil })
	refund.Handle(p.bus, func(_ context.Context, r chargeRequest) (chargeReply, error) { return chargeReply{ID: "rf-1"}, nil })
	chargeT.Consume(p.bus, "mail", func(_ context.Context, e charged) error {
		p.mailed <- e.ID
		return nil
	})
	if err := p.store.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.store.Stop(context.Background()) })
	return p
}

// deliver hands mail an event of pay's topic, as the outbox does.
func (p *process) deliver(ctx context.Context, id string) error {
	payload, _ := json.Marshal(charged{ID: id})
	return p.bus.Deliver(ctx, &bus.Delivery{MessageID: id, Topic: chargeT.Info().Name, Queue: "mail", Payload: payload, Attempt: 1})
}

func (p *process) charge(ctx context.Context) error {
	_, err := charge.Call(ctx, p.bus, chargeRequest{Cents: 100})
	return err
}

func (p *process) add(t *testing.T, f chaos.Fault) chaos.Fault {
	t.Helper()
	got, err := p.store.Add(context.Background(), f)
	if err != nil {
		t.Fatalf("add %+v: %v", f, err)
	}
	return got
}

// errorFault is an error fault on target for everyone, for a minute.
func errorFault(target string) chaos.Fault {
	return chaos.Fault{Target: target, Kind: chaos.KindError, Code: "conflict", Percent: 100, Cohort: chaos.CohortAll, TTL: time.Minute}
}

func experiment(ctx context.Context) context.Context {
	return chaos.WithCohort(ctx, chaos.CohortExperiment)
}

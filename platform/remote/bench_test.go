package remote_test

import (
	"context"
	"encoding/json"
	"net"
	"testing"

	"github.com/valyala/fasthttp"
	"go.uber.org/fx"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/remote"
	"github.com/jubako/jubako/platform/testkit"
)

type benchQuote struct {
	ProductID string `json:"product_id"`
	Quantity  int32  `json:"quantity"`
	Currency  string `json:"currency"`
}

type benchPrice struct {
	Currency string `json:"currency"`
	Units    int64  `json:"units"`
	Nanos    int32  `json:"nanos"`
}

var benchEndpoint = bus.Endpoint[benchQuote, benchPrice]("benchmark.Quote", bus.Idempotent())

func benchHandler(_ context.Context, q benchQuote) (benchPrice, error) {
	return benchPrice{Currency: q.Currency, Units: 19 * int64(q.Quantity), Nanos: 990000000}, nil
}

const benchToken = "benchmark-service-token"

// BenchmarkEndpointCall calls the same endpoint in-process through the bus,
// over loopback HTTP through the remote transport, and — as the floor —
// with a bare fasthttp round trip of the same JSON to a bare fasthttp
// server. Both processes run their whole chain, tracing unsampled (as a
// production sampling rate leaves most calls), and poll their (embedded)
// queues slowly so that no event machinery competes for the CPU.
// .ci/bench prints remote ÷ bare; goal ≤ 1.5.
func BenchmarkEndpointCall(b *testing.B) {
	server := testkit.Start(b, testkit.SQLite(b), testkit.Settings{"service.token": benchToken, "telemetry.sampling": 0, "outbox.task_check_interval": "100ms"},
		fx.Invoke(func(bs *bus.Bus) { benchEndpoint.Handle(bs, benchHandler) }))
	client := testkit.StartWith(b, testkit.Options{
		Backend:  testkit.SQLite(b),
		Settings: testkit.Settings{"service.token": benchToken, "modules.benchmark.url": server.URL, "telemetry.sampling": 0, "outbox.task_check_interval": "100ms"},
		Remote:   []string{"benchmark"},
	})
	ctx, req := context.Background(), benchQuote{ProductID: "OLJCESPC7Z", Quantity: 2, Currency: "USD"}
	b.Run("in-process", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := benchEndpoint.Call(ctx, server.Bus, req); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("remote", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := benchEndpoint.Call(ctx, client.Bus, req); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("bare", func(b *testing.B) { benchBare(b, req) })
}

// benchBare is the floor: fasthttp client to fasthttp server, same JSON in
// and out, nothing else.
func benchBare(b *testing.B, q benchQuote) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	srv := &fasthttp.Server{Handler: func(c *fasthttp.RequestCtx) {
		var in benchQuote
		if err := json.Unmarshal(c.PostBody(), &in); err != nil {
			c.Error(err.Error(), fasthttp.StatusBadRequest)
			return
		}
		out, _ := benchHandler(c, in)
		data, _ := json.Marshal(out)
		c.SetContentType("application/json")
		c.SetBody(data)
	}}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Shutdown()
	client := remote.NewClient()
	url := "http://" + ln.Addr().String() + "/quote"
	b.ReportAllocs()
	for b.Loop() {
		body, _ := json.Marshal(q)
		req, res := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
		req.SetRequestURI(url)
		req.Header.SetMethod(fasthttp.MethodPost)
		req.SetBody(body)
		if err := client.Do(req, res); err != nil {
			b.Fatal(err)
		}
		var out benchPrice
		if err := json.Unmarshal(res.Body(), &out); err != nil {
			b.Fatal(err)
		}
		fasthttp.ReleaseRequest(req)
		fasthttp.ReleaseResponse(res)
	}
}

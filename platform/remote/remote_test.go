package remote_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"

	"github.com/jubako/jubako/shared"
)

func TestTypedCallRoundTrips(t *testing.T) {
	s, _, client := startPair(t)
	req := addRequest{
		A: 2, B: 40, Label: "héllo \"world\"",
		Labels: map[string]string{"k": "v"},
		At:     time.Date(2026, 3, 4, 5, 6, 7, 8, time.UTC),
	}
	got, err := add.Call(t.Context(), client.Bus, req)
	if err != nil {
		t.Fatalf("Add: %s", describe(err))
	}
	want := addReply{
		Sum:    42,
		Echo:   req,
		Prices: []shared.Money{{CurrencyCode: "EUR", Units: 2, Nanos: 500_000_000}},
		Notes:  map[string]string{"label": req.Label},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Add reply\n got %+v\nwant %+v", got, want)
	}
	if n := s.adds.Load(); n != 1 {
		t.Errorf("the server ran Add %d times, want 1", n)
	}
	for i := int64(1); i <= 3; i++ {
		rep, err := record.Call(t.Context(), client.Bus, recordRequest{Value: "x"})
		if err != nil || rep.Count != i {
			t.Errorf("Record #%d = %+v, %s; want count %d", i, rep, describe(err), i)
		}
	}
}

func TestErrorsKeepCodeReasonMessageAndField(t *testing.T) {
	_, _, client := startPair(t)
	cases := []struct {
		kind    string
		is      []error
		isNot   []error
		message string
		field   string
	}{
		{kind: "odd", is: []error{errOdd, shared.ErrInvalid}, isNot: []error{errTaken, shared.ErrInternal},
			message: "7 is odd", field: "numbers[2]"},
		{kind: "taken", is: []error{errTaken, shared.ErrConflict}, isNot: []error{errOdd, shared.ErrInvalid},
			message: "already taken"},
		{kind: "missing", is: []error{shared.ErrNotFound}, isNot: []error{errTaken, shared.ErrInternal},
			message: "no such sum"},
		{kind: "plain", is: []error{shared.ErrInternal}, isNot: []error{shared.ErrInvalid, shared.ErrUnavailable}},
	}
	for _, tc := range cases {
		t.Run(tc.kind, func(t *testing.T) {
			_, err := fail.Call(t.Context(), client.Bus, failRequest{Kind: tc.kind})
			for _, want := range tc.is {
				if !errors.Is(err, want) {
					t.Errorf("errors.Is(%s, %v) = false", describe(err), want)
				}
			}
			for _, not := range tc.isNot {
				if errors.Is(err, not) {
					t.Errorf("errors.Is(%s, %v) = true", describe(err), not)
				}
			}
			e := shared.AsError(err)
			if tc.message != "" && (e.Message != tc.message || e.Field != tc.field) {
				t.Errorf("got message %q field %q, want %q %q", e.Message, e.Field, tc.message, tc.field)
			}
		})
	}
}

func TestCallerDeadlineReachesServer(t *testing.T) {
	s := newCalc()
	client := startClient(t, startServer(t, s).URL, map[string]any{"service.timeout": "4s"})

	t.Run("caller deadline", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), 3*time.Second)
		defer cancel()
		want, _ := ctx.Deadline()
		got, err := inspect.Call(ctx, client.Bus, struct{}{})
		if err != nil {
			t.Fatal(describe(err))
		}
		// The deadline travels as time left: the hop may add its own
		// transit time, never more.
		if !got.HasDeadline || got.Deadline.After(want.Add(50*time.Millisecond)) || got.Deadline.Before(want.Add(-time.Second)) {
			t.Errorf("server deadline %v (set %v), want within a second before %v", got.Deadline, got.HasDeadline, want)
		}
	})
	t.Run("no caller deadline: service.timeout", func(t *testing.T) {
		start := time.Now()
		got, err := inspect.Call(context.Background(), client.Bus, struct{}{})
		if err != nil {
			t.Fatal(describe(err))
		}
		limit := start.Add(4 * time.Second)
		if !got.HasDeadline || got.Deadline.After(limit.Add(50*time.Millisecond)) || got.Deadline.Before(limit.Add(-time.Second)) {
			t.Errorf("server deadline %v (set %v), want about %v", got.Deadline, got.HasDeadline, limit)
		}
	})
	t.Run("caller gives up before a slow handler", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(t.Context(), 200*time.Millisecond)
		defer cancel()
		start := time.Now()
		_, err := sleep.Call(ctx, client.Bus, sleepRequest{Millis: 5000})
		if elapsed := time.Since(start); !errors.Is(err, shared.ErrUnavailable) || elapsed > time.Second {
			t.Errorf("slow call ended after %s with %s, want unavailable within a second", elapsed, describe(err))
		}
		select {
		case err := <-s.slept:
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("the handler ended with %v, want its deadline exceeded", err)
			}
		case <-time.After(2 * time.Second):
			t.Error("the handler still runs after the caller's deadline")
		}
	})
}

func TestTraceContextReachesServer(t *testing.T) {
	_, _, client := startPair(t)
	prev := otel.GetTextMapPropagator()
	otel.SetTextMapPropagator(propagation.TraceContext{})
	t.Cleanup(func() { otel.SetTextMapPropagator(prev) })

	traceID := trace.TraceID{0x4b, 0xf9, 0x2f, 0x35, 0x77, 0xb3, 0x4d, 0xa6, 0xa3, 0xce, 0x92, 0x9d, 0x0e, 0x0e, 0x47, 0x36}
	sc := trace.NewSpanContext(trace.SpanContextConfig{
		TraceID:    traceID,
		SpanID:     trace.SpanID{0, 0xf0, 0x67, 0xaa, 0x0b, 0xa9, 0x02, 0xb7},
		TraceFlags: trace.FlagsSampled,
	})
	ctx := trace.ContextWithSpanContext(t.Context(), sc)
	got, err := inspect.Call(ctx, client.Bus, struct{}{})
	if err != nil {
		t.Fatal(describe(err))
	}
	if got.TraceID != traceID.String() {
		t.Errorf("the server saw trace %q, want %q", got.TraceID, traceID)
	}
}

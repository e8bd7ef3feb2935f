package grpcserver_test

import (
	"context"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/platform/testkit"
)

// TestCallsContinueTheCallersTraceUnderItsDeadline: a call runs in its
// module, in the trace of the traceparent its metadata carries (answered
// in the response header), under the caller's deadline — or the handler
// timeout when it brings none.
func TestCallsContinueTheCallersTraceUnderItsDeadline(t *testing.T) {
	e, _, conn := startEcho(t, testkit.Settings{"http.handler_timeout": "7s"})
	const traceID = "4bf92f3577b34da6a3ce929d0e0e4736"
	for _, tc := range []struct {
		name     string
		timeout  time.Duration
		traced   bool
		deadline time.Duration
	}{
		{name: "the caller's trace and deadline", timeout: 3 * time.Second, traced: true, deadline: 3 * time.Second},
		{name: "no deadline: the handler timeout", traced: true, deadline: 7 * time.Second},
		{name: "no trace context: a trace of its own", timeout: time.Second, deadline: time.Second},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			if tc.traced {
				ctx = metadata.AppendToOutgoingContext(ctx, "traceparent", "00-"+traceID+"-00f067aa0ba902b7-01")
			}
			if tc.timeout > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tc.timeout)
				defer cancel()
			}
			var header metadata.MD
			start := time.Now()
			if _, err := call(ctx, conn, "Echo", "hi", grpc.Header(&header)); err != nil {
				t.Fatal(err)
			}
			got := e.last()
			if left := got.deadline.Sub(start); left > tc.deadline+100*time.Millisecond || left < tc.deadline-time.Second {
				t.Errorf("deadline in %v, want about %v", left, tc.deadline)
			}
			if got.module != "echo" {
				t.Errorf("module %q, want echo", got.module)
			}
			if continued := got.traceID.String() == traceID; continued != tc.traced || !got.traceID.IsValid() {
				t.Errorf("trace %s, want the caller's (%s): %v", got.traceID, traceID, tc.traced)
			}
			if tp := header.Get("traceparent"); len(tp) != 1 || tp[0][3:35] != got.traceID.String() {
				t.Errorf("response traceparent %v, want trace %s", tp, got.traceID)
			}
		})
	}
}

// TestCallersCarryNoExperimentCohortIn: a caller's baggage reaches the
// handler, but not the experiment cohort and run it names — only the
// shop's edge puts a request in a cohort.
func TestCallersCarryNoExperimentCohortIn(t *testing.T) {
	e, _, conn := startEcho(t, nil)
	ctx := metadata.AppendToOutgoingContext(context.Background(), "baggage", "jubako.cohort=experiment,jubako.experiment=forged,tenant=acme")
	if _, err := call(ctx, conn, "Echo", "hi"); err != nil {
		t.Fatal(err)
	}
	if got := e.last(); got.cohort != "" || got.baggage != "tenant=acme" {
		t.Fatalf("cohort %q, baggage %q: want no cohort, the rest kept", got.cohort, got.baggage)
	}
}

// TestRestrictedMethodsNeedTheServiceToken: Charge is for the service
// token and admins; Echo is open to anybody.
func TestRestrictedMethodsNeedTheServiceToken(t *testing.T) {
	const token = "echo-suite-service-token"
	_, _, conn := startEcho(t, testkit.Settings{"service.token": token})
	for _, tc := range []struct {
		name, method, authorization string
		want                        codes.Code
	}{
		{"open method, no token", "Echo", "", codes.OK},
		{"no token", "Charge", "", codes.Unauthenticated},
		{"not a bearer", "Charge", "Basic " + token, codes.Unauthenticated},
		{"a wrong token", "Charge", "Bearer not-the-service-token", codes.Unauthenticated},
		{"a customer", "Charge", testkit.Bearer(t, "ada", auth.RoleCustomer), codes.PermissionDenied},
		{"an admin", "Charge", testkit.AdminBearer(t), codes.OK},
		{"the service token", "Charge", "Bearer " + token, codes.OK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			if tc.authorization != "" {
				ctx = metadata.AppendToOutgoingContext(ctx, "authorization", tc.authorization)
			}
			if _, err := call(ctx, conn, tc.method, "x"); status.Code(err) != tc.want {
				t.Errorf("%v, want %s", err, tc.want)
			}
		})
	}
}

// TestAPanicIsAnInternalError: the process survives a panicking handler,
// and the client gets INTERNAL without the panic's text.
func TestAPanicIsAnInternalError(t *testing.T) {
	_, _, conn := startEcho(t, nil)
	_, err := call(context.Background(), conn, "Panic", "x")
	if s := status.Convert(err); s.Code() != codes.Internal || s.Message() != "internal error" {
		t.Errorf("%v, want INTERNAL \"internal error\"", err)
	}
	if _, err := call(context.Background(), conn, "Echo", "still here"); err != nil {
		t.Errorf("after the panic: %v", err)
	}
}

// TestAProcessWithoutServicesDoesNotListen: grpc.addr is only taken by a
// process that has something to serve.
func TestAProcessWithoutServicesDoesNotListen(t *testing.T) {
	if p := testkit.Start(t, testkit.SQLite(t), nil); p.GRPCAddr != "" {
		t.Errorf("listening on %s without a service", p.GRPCAddr)
	}
}

// TestStopDrainsCallsInFlight: at stop a call in flight completes, new
// connections are refused, and an open health Watch does not hold the
// stop up.
func TestStopDrainsCallsInFlight(t *testing.T) {
	e, p, conn := startEcho(t, nil)
	watch, err := healthClient(conn).Watch(context.Background(), healthRequest(""))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := watch.Recv(); err != nil {
		t.Fatal(err)
	}
	held := make(chan error, 1)
	go func() {
		_, err := call(context.Background(), conn, "Hold", "x")
		held <- err
	}()
	select {
	case <-e.arrived:
	case <-time.After(5 * time.Second):
		t.Fatal("the call never arrived")
	}
	stopped := make(chan struct{})
	go func() {
		p.Stop(t)
		close(stopped)
	}()
	testkit.Eventually(t, 5*time.Second, func() bool {
		_, err := call(context.Background(), dial(t, p.GRPCAddr), "Echo", "late")
		return status.Code(err) == codes.Unavailable
	}, func() string { return "new calls are still served while stopping" })
	close(e.release)
	if err := <-held; err != nil {
		t.Errorf("the call in flight: %v, want its answer", err)
	}
	select {
	case <-stopped:
	case <-time.After(10 * time.Second):
		t.Fatal("stop is held up")
	}
}

package system

import (
	"syscall"
	"testing"
	"time"

	healthgrpc "google.golang.org/grpc/health/grpc_health_v1"

	"github.com/jubako/jubako/platform/testkit"
)

// TestOnlineBoutiqueHealthFollowsTheModules: with payment in a process of
// its own, stopping that process turns PaymentService (and the server as
// a whole, as /readyz) NOT_SERVING, while the services that do not need
// payment stay SERVING.
func TestOnlineBoutiqueHealthFollowsTheModules(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and stops OS processes")
	}
	r := startTopology(t, testkit.SQLite(t), split{tags: "split_payment"}, split{tags: "only_payment", module: "payment"})
	health := healthgrpc.NewHealthClient(dialBoutique(t, r.shop).conn)
	serving, notServing := healthgrpc.HealthCheckResponse_SERVING, healthgrpc.HealthCheckResponse_NOT_SERVING
	expect := func(t *testing.T, want map[string]healthgrpc.HealthCheckResponse_ServingStatus) {
		t.Helper()
		got := map[string]healthgrpc.HealthCheckResponse_ServingStatus{}
		testkit.Eventually(t, 10*time.Second, func() bool {
			for name := range want {
				res, err := health.Check(ctx(t), &healthgrpc.HealthCheckRequest{Service: name})
				if err != nil {
					t.Fatal(err)
				}
				got[name] = res.GetStatus()
			}
			return len(got) == len(want) && equalStatuses(got, want)
		}, func() string { return "health " + statusesText(got) })
	}
	expect(t, map[string]healthgrpc.HealthCheckResponse_ServingStatus{"": serving, "hipstershop.PaymentService": serving, "hipstershop.CartService": serving})
	payment := r.services[1].cmd
	if err := payment.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	_ = payment.Wait()
	expect(t, map[string]healthgrpc.HealthCheckResponse_ServingStatus{
		"": notServing, "hipstershop.PaymentService": notServing, "hipstershop.CartService": serving, "hipstershop.CheckoutService": serving,
	})
}

func equalStatuses(a, b map[string]healthgrpc.HealthCheckResponse_ServingStatus) bool {
	for k, v := range b {
		if a[k] != v {
			return false
		}
	}
	return true
}

func statusesText(m map[string]healthgrpc.HealthCheckResponse_ServingStatus) string {
	out := ""
	for k, v := range m {
		out += k + "=" + v.String() + " "
	}
	return out
}

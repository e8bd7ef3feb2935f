package system

import (
	"slices"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	healthgrpc "google.golang.org/grpc/health/grpc_health_v1"
	reflectiongrpc "google.golang.org/grpc/reflection/grpc_reflection_v1"
	"google.golang.org/grpc/status"

	"github.com/jubako/jubako/modules/hipstershop/pb"
	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/platform/telemetry"
	"github.com/jubako/jubako/platform/testkit"
)

// obServices are Online Boutique's services, as jubako serves them.
var obServices = []string{
	"hipstershop.AdService", "hipstershop.CartService", "hipstershop.CheckoutService", "hipstershop.CurrencyService",
	"hipstershop.EmailService", "hipstershop.PaymentService", "hipstershop.ProductCatalogService",
	"hipstershop.RecommendationService", "hipstershop.ShippingService",
}

// obRestricted: the methods that charge, ship and mail are for the
// shop's own services and admins; a customer's token is not enough.
func obRestricted(t *testing.T, b *boutique) {
	customer := testkit.Bearer(t, "ada", auth.RoleCustomer)
	charge := &pb.ChargeRequest{Amount: &pb.Money{CurrencyCode: "USD", Units: 1}, CreditCard: goodCard()}
	ship := &pb.ShipOrderRequest{Address: obAddress(94043), Items: []*pb.CartItem{{ProductId: mug, Quantity: 1}}}
	mail := &pb.SendOrderConfirmationRequest{Email: "ada@example.com", Order: &pb.OrderResult{OrderId: "x"}}
	for _, tc := range []struct {
		name string
		md   []string
		want codes.Code
	}{
		{"no token", nil, codes.Unauthenticated},
		{"a customer", []string{"authorization", customer}, codes.PermissionDenied},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errCharge := b.payment.Charge(ctx(t, tc.md...), charge)
			_, errShip := b.shipping.ShipOrder(ctx(t, tc.md...), ship)
			_, errMail := b.email.SendOrderConfirmation(ctx(t, tc.md...), mail)
			for _, err := range []error{errCharge, errShip, errMail} {
				if status.Code(err) != tc.want {
					t.Errorf("%v, want %s", err, tc.want)
				}
			}
		})
	}
}

// obHealthAndReflection: the server and each service are SERVING, as
// /readyz is ready; reflection lists every service, as grpcurl reads it.
func obHealthAndReflection(t *testing.T, b *boutique) {
	health := healthgrpc.NewHealthClient(b.conn)
	for _, name := range append([]string{""}, obServices...) {
		res, err := health.Check(ctx(t), &healthgrpc.HealthCheckRequest{Service: name})
		if err != nil || res.GetStatus() != healthgrpc.HealthCheckResponse_SERVING {
			t.Errorf("health of %q: %v %v, want SERVING", name, res, err)
		}
	}
	if _, err := health.Check(ctx(t), &healthgrpc.HealthCheckRequest{Service: "hipstershop.ShoppingAssistantService"}); status.Code(err) != codes.NotFound {
		t.Errorf("health of a service not served: %v, want NOT_FOUND", err)
	}
	stream, err := reflectiongrpc.NewServerReflectionClient(b.conn).ServerReflectionInfo(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := stream.Send(&reflectiongrpc.ServerReflectionRequest{MessageRequest: &reflectiongrpc.ServerReflectionRequest_ListServices{}}); err != nil {
		t.Fatal(err)
	}
	res, err := stream.Recv()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range res.GetListServicesResponse().GetService() {
		names = append(names, s.GetName())
	}
	for _, want := range append([]string{"grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection"}, obServices...) {
		if !slices.Contains(names, want) {
			t.Errorf("reflection lists %v, want %s", names, want)
		}
	}
}

// obTrace: a PlaceOrder sent with a W3C traceparent (as OpenTelemetry's
// gRPC instrumentation sends it) is one trace with the checkout it ran,
// across processes too.
func obTrace(t *testing.T, b *boutique) {
	user, md := newUser(), traceparent()
	traceID := md[1][3:35]
	b.add(t, user, watch, 1)
	if _, err := b.checkout.PlaceOrder(ctx(t, md...), obPlaceOrder(user, 94043, goodCard())); err != nil {
		t.Fatal(err)
	}
	want := []string{"hipstershop.CheckoutService/PlaceOrder", "orders.PlaceOrder", "payment.Charge", "shipping.Ship"}
	var names []string
	testkit.Eventually(t, 10*time.Second, func() bool {
		var tr struct {
			Spans []telemetry.Span `json:"spans"`
		}
		b.shop.adminGet(t, "/api/admin/traces/"+traceID, &tr)
		names = names[:0]
		for _, s := range tr.Spans {
			names = append(names, s.Name)
		}
		return !slices.ContainsFunc(want, func(w string) bool { return !slices.Contains(names, w) })
	}, func() string {
		return "trace " + traceID + ": " + strings.Join(names, ", ") + "; want " + strings.Join(want, ", ")
	})
}

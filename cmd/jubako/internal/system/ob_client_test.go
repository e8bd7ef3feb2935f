package system

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"

	"github.com/jubako/jubako/modules/hipstershop"
	"github.com/jubako/jubako/modules/hipstershop/pb"
	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/platform/auth"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// boutique is a client of Online Boutique's protocol, built from the
// generated code as Online Boutique's frontend is: one address for every
// service.
type boutique struct {
	shop           *shop
	conn           *grpc.ClientConn
	catalog        pb.ProductCatalogServiceClient
	currency       pb.CurrencyServiceClient
	cart           pb.CartServiceClient
	recommendation pb.RecommendationServiceClient
	shipping       pb.ShippingServiceClient
	payment        pb.PaymentServiceClient
	email          pb.EmailServiceClient
	checkout       pb.CheckoutServiceClient
	ad             pb.AdServiceClient
}

// dialBoutique dials the shop's gRPC address with insecure credentials,
// as Online Boutique's frontend does.
func dialBoutique(t *testing.T, s *shop) *boutique {
	t.Helper()
	if s.grpc == "" {
		t.Fatal("the shop serves no gRPC")
	}
	conn, err := grpc.NewClient(s.grpc, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return &boutique{
		shop: s, conn: conn,
		catalog: pb.NewProductCatalogServiceClient(conn), currency: pb.NewCurrencyServiceClient(conn),
		cart: pb.NewCartServiceClient(conn), recommendation: pb.NewRecommendationServiceClient(conn),
		shipping: pb.NewShippingServiceClient(conn), payment: pb.NewPaymentServiceClient(conn),
		email: pb.NewEmailServiceClient(conn), checkout: pb.NewCheckoutServiceClient(conn), ad: pb.NewAdServiceClient(conn),
	}
}

// ctx is a call's context: 30 seconds, and metadata in pairs.
func ctx(t *testing.T, md ...string) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return metadata.AppendToOutgoingContext(c, md...)
}

// asAdmin is ctx for restricted methods, with an admin's token.
func (b *boutique) asAdmin(t *testing.T, md ...string) context.Context {
	return ctx(t, append([]string{"authorization", b.shop.admin}, md...)...)
}

// newUser is a fresh Online Boutique user_id (its frontend's session id).
func newUser() string { return uuid.NewString() }

// add puts quantity of a product in user's cart.
func (b *boutique) add(t *testing.T, user, product string, quantity int32) {
	t.Helper()
	if _, err := b.cart.AddItem(ctx(t), &pb.AddItemRequest{UserId: user, Item: &pb.CartItem{ProductId: product, Quantity: quantity}}); err != nil {
		t.Fatalf("AddItem %s: %v", product, err)
	}
}

// ordersOf lists user's orders through the HTTP API, as the jubako
// customer the user_id stands for.
func (b *boutique) ordersOf(t *testing.T, user string) []orders.Order {
	t.Helper()
	var list orders.ListOrdersReply
	bearer := testkit.Bearer(t, hipstershop.OwnerPrefix+user, auth.RoleCustomer)
	status, data := call(t, http.DefaultClient, http.MethodGet, b.shop.url+"/api/orders", nil, "Authorization", bearer)
	decode(t, status, data, http.StatusOK, &list)
	return list.Orders
}

// onlyOrder is user's one order, once its checkout has ended.
func (b *boutique) onlyOrder(t *testing.T, user string) orders.Order {
	t.Helper()
	var list []orders.Order
	testkit.Eventually(t, 30*time.Second, func() bool {
		list = b.ordersOf(t, user)
		return len(list) == 1 && list[0].Status != orders.StatusPending
	}, func() string { return "orders: " + orderStatuses(list) })
	return list[0]
}

func orderStatuses(list []orders.Order) string {
	out := ""
	for _, o := range list {
		out += o.ID + " " + o.Status + "; "
	}
	return out
}

// obAddress is where the suite's orders ship, on the wire.
func obAddress(zip int32) *pb.Address {
	return &pb.Address{StreetAddress: "1600 Amphitheatre Pkwy", City: "Mountain View", State: "CA", Country: "USA", ZipCode: zip}
}

// goodCard is a VISA card good for years to come.
func goodCard() *pb.CreditCardInfo {
	return &pb.CreditCardInfo{CreditCardNumber: "4111111111111111", CreditCardCvv: 123,
		CreditCardExpirationYear: int32(time.Now().Year() + 5), CreditCardExpirationMonth: 12}
}

// money is a wire amount as the shop's suites compare amounts.
func money(m *pb.Money) shared.Money {
	return shared.Money{CurrencyCode: m.GetCurrencyCode(), Units: m.GetUnits(), Nanos: m.GetNanos()}
}

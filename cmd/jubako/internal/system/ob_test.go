package system

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/jubako/jubako/modules/cart"
	"github.com/jubako/jubako/modules/catalog"
	"github.com/jubako/jubako/modules/currency"
	"github.com/jubako/jubako/modules/hipstershop/pb"
	"github.com/jubako/jubako/platform/grpcserver"
	"github.com/jubako/jubako/platform/testkit"
)

// TestOnlineBoutiqueProtocol runs Online Boutique's services, every RPC,
// against the shop in the test's process and against the shop with
// payment in a process of its own (OS processes of real builds: the
// front's adapters reach payment over the remote transport), on every
// backend.
func TestOnlineBoutiqueProtocol(t *testing.T) {
	for _, top := range []topology{
		{name: "in-process", start: monolith},
		{name: "payment-split", start: processes(split{tags: "split_payment"}, split{tags: "only_payment", module: "payment"})},
	} {
		t.Run(top.name, func(t *testing.T) {
			testkit.Each(t, func(t *testing.T, be testkit.Backend) {
				b := dialBoutique(t, top.start(t, be, nil))
				t.Run("catalog", func(t *testing.T) { obCatalog(t, b) })
				t.Run("currency", func(t *testing.T) { obCurrency(t, b) })
				t.Run("cart", func(t *testing.T) { obCart(t, b) })
				t.Run("recommendations and ads", func(t *testing.T) { obRecommendationsAndAds(t, b) })
				t.Run("shipping", func(t *testing.T) { obShipping(t, b) })
				t.Run("payment", func(t *testing.T) { obPayment(t, b) })
				t.Run("email", func(t *testing.T) { obEmail(t, b) })
				t.Run("checkout completes", func(t *testing.T) { obCheckoutCompletes(t, b) })
				t.Run("checkout cancelled", func(t *testing.T) { obCheckoutCancelled(t, b) })
				t.Run("checkout past the deadline", func(t *testing.T) { obCheckoutPastTheDeadline(t, b) })
				t.Run("bad input", func(t *testing.T) { obBadInput(t, b) })
				t.Run("restricted methods", func(t *testing.T) { obRestricted(t, b) })
				t.Run("health and reflection", func(t *testing.T) { obHealthAndReflection(t, b) })
				t.Run("trace context", func(t *testing.T) { obTrace(t, b) })
			})
		})
	}
}

func obCatalog(t *testing.T, b *boutique) {
	list, err := b.catalog.ListProducts(ctx(t), &pb.Empty{})
	if err != nil || len(list.GetProducts()) != 9 {
		t.Fatalf("ListProducts: %d products, %v; want Online Boutique's nine", len(list.GetProducts()), err)
	}
	p, err := b.catalog.GetProduct(ctx(t), &pb.GetProductRequest{Id: sunglasses})
	if err != nil || p.GetName() != "Sunglasses" || money(p.GetPriceUsd()) != usd(19, 990_000_000) || !slices.Contains(p.GetCategories(), "accessories") {
		t.Errorf("GetProduct: %v %v, want the sunglasses at USD 19.99", p, err)
	}
	found, err := b.catalog.SearchProducts(ctx(t), &pb.SearchProductsRequest{Query: "MUG"})
	if err != nil || !slices.ContainsFunc(found.GetResults(), func(p *pb.Product) bool { return p.GetId() == mug }) {
		t.Errorf("SearchProducts(MUG): %v %v, want the mug", found, err)
	}
	_, err = b.catalog.GetProduct(ctx(t), &pb.GetProductRequest{Id: "NOSUCHTHING"})
	if status.Code(err) != codes.NotFound || !errors.Is(grpcserver.ErrorOf(err), catalog.ErrProductNotFound) {
		t.Errorf("an unknown product: %v, want NOT_FOUND product_not_found", err)
	}
}

func obCurrency(t *testing.T, b *boutique) {
	codesList, err := b.currency.GetSupportedCurrencies(ctx(t), &pb.Empty{})
	for _, c := range []string{"EUR", "JPY", "USD"} {
		if err != nil || !slices.Contains(codesList.GetCurrencyCodes(), c) {
			t.Errorf("GetSupportedCurrencies: %v %v, want %s among them", codesList, err, c)
		}
	}
	got, err := b.currency.Convert(ctx(t), &pb.CurrencyConversionRequest{From: &pb.Money{CurrencyCode: "USD", Units: 19, Nanos: 990_000_000}, ToCode: "JPY"})
	if want := convert(t, b.shop, usd(19, 990_000_000), "JPY"); err != nil || money(got) != want {
		t.Errorf("Convert: %v %v, want %v as over HTTP, exact", got, err, want)
	}
	_, err = b.currency.Convert(ctx(t), &pb.CurrencyConversionRequest{From: &pb.Money{CurrencyCode: "USD", Units: 1}, ToCode: "XYZ"})
	if e := grpcserver.ErrorOf(err); status.Code(err) != codes.InvalidArgument || !errors.Is(e, currency.ErrUnsupportedCurrency) || e.Field != "to_code" {
		t.Errorf("to XYZ: %v, want INVALID_ARGUMENT unsupported_currency on to_code", err)
	}
}

func obCart(t *testing.T, b *boutique) {
	user := newUser()
	b.add(t, user, sunglasses, 2)
	b.add(t, user, mug, 1)
	b.add(t, user, sunglasses, 1)
	got, err := b.cart.GetCart(ctx(t), &pb.GetCartRequest{UserId: user})
	if err != nil || got.GetUserId() != user || quantities(got) != "OLJCESPC7Z×3 6E92ZMYYFZ×1" && quantities(got) != "6E92ZMYYFZ×1 OLJCESPC7Z×3" {
		t.Errorf("GetCart: %v %v, want 3 sunglasses and a mug, for %s", got, err, user)
	}
	if other, _ := b.cart.GetCart(ctx(t), &pb.GetCartRequest{UserId: newUser()}); len(other.GetItems()) != 0 {
		t.Errorf("another user's cart holds %v", other.GetItems())
	}
	if _, err := b.cart.EmptyCart(ctx(t), &pb.EmptyCartRequest{UserId: user}); err != nil {
		t.Fatal(err)
	}
	if got, err := b.cart.GetCart(ctx(t), &pb.GetCartRequest{UserId: user}); err != nil || len(got.GetItems()) != 0 {
		t.Errorf("after EmptyCart: %v %v, want an empty cart", got, err)
	}
	b.add(t, user, mug, cart.MaxQuantity)
	_, err = b.cart.AddItem(ctx(t), &pb.AddItemRequest{UserId: user, Item: &pb.CartItem{ProductId: mug, Quantity: 1}})
	if e := grpcserver.ErrorOf(err); status.Code(err) != codes.InvalidArgument || !errors.Is(e, cart.ErrTooMany) || e.Field != "item.quantity" {
		t.Errorf("the 101st mug: %v, want INVALID_ARGUMENT too_many on item.quantity", err)
	}
}

// quantities prints a cart's items in its order.
func quantities(c *pb.Cart) string {
	var parts []string
	for _, it := range c.GetItems() {
		parts = append(parts, fmt.Sprintf("%s×%d", it.GetProductId(), it.GetQuantity()))
	}
	return strings.Join(parts, " ")
}

func obRecommendationsAndAds(t *testing.T, b *boutique) {
	recs, err := b.recommendation.ListRecommendations(ctx(t), &pb.ListRecommendationsRequest{UserId: newUser(), ProductIds: []string{sunglasses}})
	if ids := recs.GetProductIds(); err != nil || len(ids) == 0 || len(ids) > 5 || slices.Contains(ids, sunglasses) {
		t.Errorf("ListRecommendations: %v %v, want up to five other products", ids, err)
	}
	got, err := b.ad.GetAds(ctx(t), &pb.AdRequest{ContextKeys: []string{"kitchen"}})
	if err != nil || len(got.GetAds()) != 2 || got.GetAds()[1].GetRedirectUrl() != "/product/"+mug {
		t.Errorf("GetAds(kitchen): %v %v, want the kitchen's two ads, the mug's second", got, err)
	}
	_, err = b.ad.GetAds(ctx(t), &pb.AdRequest{ContextKeys: []string{strings.Repeat("k", 51)}})
	if e := grpcserver.ErrorOf(err); status.Code(err) != codes.InvalidArgument || !strings.HasPrefix(e.Field, "context_keys") {
		t.Errorf("a key too long: %v, want INVALID_ARGUMENT on context_keys", err)
	}
}

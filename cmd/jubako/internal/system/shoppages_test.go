package system

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jubako/jubako/cmd/jubako/internal/linked"
	"github.com/jubako/jubako/modules/cart"
	"github.com/jubako/jubako/platform/testkit"
)

// Online Boutique's products, as its load generator lists them.
var obProducts = []string{"0PUK6V6EV0", "1YMWWN1N4O", "2ZYFJ3GM2N", "66VCHSJNUP", "6E92ZMYYFZ", "9SIQT8TOJO",
	"L9ECAV7KIM", "LS4PSXUNUM", "OLJCESPC7Z"}

// TestShopPagesTakePlainForms drives the shop's pages as Online Boutique's
// load generator does — GET pages, POST forms, a cookie jar, no token, no
// JavaScript — four shoppers at once, 300 tasks of its mix in all. Every
// answer is the page expected, the cart holds what was added (or the
// product page says the cart is full), and every order's page ends
// COMPLETED; the shopper waits for it, as a person reading it would.
func TestShopPagesTakePlainForms(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := testkit.Start(t, be, shopSettings, linked.Modules()...)
		var wg sync.WaitGroup
		shoppers := make([]*formShopper, 4)
		for i := range shoppers {
			shoppers[i] = newFormShopper(t, p.URL, uint64(i))
			wg.Go(func() { shoppers[i].shop(75) })
		}
		wg.Wait()
		completed := 0
		for _, s := range shoppers {
			completed += s.orders
		}
		if completed < 5 {
			t.Errorf("%d orders completed in 300 tasks, want about 15 (one task in 19 is a checkout)", completed)
		}
		t.Logf("%d orders completed", completed)
	})
}

// formShopper is one shopper of the plain-form test, and what it expects
// its cart to hold.
type formShopper struct {
	t      *testing.T
	base   string
	client *http.Client
	rng    *rand.Rand
	cart   map[string]int
	orders int
}

func newFormShopper(t *testing.T, base string, seed uint64) *formShopper {
	jar, _ := cookiejar.New(nil) // never fails without options
	return &formShopper{t: t, base: base, client: &http.Client{Jar: jar, Timeout: 30 * time.Second},
		rng: rand.New(rand.NewPCG(seed, 42)), cart: map[string]int{}}
}

// shop starts on the home page, then runs n tasks by OB's weights.
func (s *formShopper) shop(n int) {
	s.want("GET", "/", nil, "/", "Hot products")
	weights := []struct {
		n  int
		do func()
	}{{1, s.index}, {2, s.setCurrency}, {10, s.browse}, {2, s.addToCart}, {3, s.viewCart}, {1, s.checkout}}
	for range n {
		k := s.rng.IntN(19)
		for _, w := range weights {
			if k < w.n {
				w.do()
				break
			}
			k -= w.n
		}
	}
}

func (s *formShopper) index() { s.want("GET", "/", nil, "/", "Hot products") }

func (s *formShopper) setCurrency() {
	code := []string{"EUR", "USD", "JPY", "CAD", "GBP", "TRY"}[s.rng.IntN(6)]
	s.want("POST", "/setCurrency", url.Values{"currency_code": {code}}, "/", `<option value="`+code+`" selected>`)
}

func (s *formShopper) browse() {
	id := obProducts[s.rng.IntN(len(obProducts))]
	s.want("GET", "/product/"+id, nil, "/product/"+id, `name="product_id" value="`+id+`"`)
}

func (s *formShopper) viewCart() { s.want("GET", "/cart", nil, "/cart", "Your cart") }

// addToCart adds 1 to 10 of a product, as OB's task does: the cart page
// then shows the product's new quantity — unless that passes what a cart
// may hold, when the product page says so.
func (s *formShopper) addToCart() {
	id := obProducts[s.rng.IntN(len(obProducts))]
	q := 1 + s.rng.IntN(10)
	s.want("GET", "/product/"+id, nil, "/product/"+id, "Add to cart")
	form := url.Values{"product_id": {id}, "quantity": {fmt.Sprint(q)}}
	if s.cart[id]+q > cart.MaxQuantity {
		s.wantStatus(http.StatusBadRequest, "POST", "/cart", form, "/cart", `id="quantity-error"`)
		return
	}
	s.cart[id] += q
	page := s.want("POST", "/cart", form, "/cart", "Your cart")
	line := regexp.MustCompile(`href="/product/` + id + `">[^<]*</a><br><span class="muted">Quantity (\d+) ×`).FindStringSubmatch(page)
	if line == nil || line[1] != fmt.Sprint(s.cart[id]) {
		s.t.Errorf("after adding %d of %s the cart shows %v, want %d", q, id, line, s.cart[id])
	}
}

// checkout adds to the cart, checks out with a valid VISA card, and reads
// the order's page until the order is COMPLETED.
func (s *formShopper) checkout() {
	s.addToCart()
	form := url.Values{"email": {"shopper@example.com"}, "street_address": {"1600 Amphitheatre Parkway"},
		"zip_code": {fmt.Sprint(10000 + s.rng.IntN(80000))}, "city": {"Mountain View"}, "state": {"CA"}, "country": {"United States"},
		"credit_card_number": {"4432-8015-6152-0454"}, "credit_card_expiration_month": {"1"},
		"credit_card_expiration_year": {fmt.Sprint(time.Now().Year() + 1)}, "credit_card_cvv": {"672"}}
	page := s.want("POST", "/cart/checkout", form, "/orders/", `id="order-status"`)
	id := regexp.MustCompile(`hx-get="/orders/([^"]+)"`).FindStringSubmatch(page)
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(page, `data-status="COMPLETED"`) {
		if id == nil || strings.Contains(page, `data-status="CANCELLED"`) || time.Now().After(deadline) {
			s.t.Errorf("the order page never showed COMPLETED:\n%s", page)
			return
		}
		time.Sleep(100 * time.Millisecond)
		page = s.want("GET", "/orders/"+id[1], nil, "/orders/"+id[1], `id="order-status"`)
	}
	s.cart = map[string]int{}
	s.orders++
}

// want sends a request, follows its redirects, and returns the page,
// failing the test unless it is a 200 at a path starting with at that
// holds text.
func (s *formShopper) want(method, path string, form url.Values, at, text string) string {
	return s.wantStatus(http.StatusOK, method, path, form, at, text)
}

func (s *formShopper) wantStatus(status int, method, path string, form url.Values, at, text string) string {
	s.t.Helper()
	req, _ := http.NewRequest(method, s.base+path, strings.NewReader(form.Encode()))
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	res, err := s.client.Do(req)
	if err != nil {
		s.t.Errorf("%s %s: %v", method, path, err)
		return ""
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != status || !strings.HasPrefix(res.Request.URL.Path, at) || !strings.Contains(string(body), text) {
		s.t.Errorf("%s %s: %d at %s, want %d at %s with %q:\n%.600s", method, path, res.StatusCode, res.Request.URL.Path, status, at, text, body)
	}
	return string(body)
}

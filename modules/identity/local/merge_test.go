package local_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/jubako/jubako/modules/cart"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/platform/testkit"
)

// shopper sends requests with a guest session and, once logged in, a token.
type shopper struct {
	p             *testkit.Process
	session       string
	authorization string
}

func (s *shopper) headers() []string {
	var h []string
	if s.session != "" {
		h = append(h, "Cookie", cookie(s.session))
	}
	if s.authorization != "" {
		h = append(h, "Authorization", s.authorization)
	}
	return h
}

func (s *shopper) add(t *testing.T, product string, quantity int) {
	t.Helper()
	res := s.p.Do(t, http.MethodPost, "/api/cart/items", map[string]any{"product_id": product, "quantity": quantity}, s.headers()...)
	if res.Status != http.StatusOK {
		t.Fatalf("add %s: %d %s", product, res.Status, res.Body)
	}
	if c := res.Cookie(gateway.SessionCookie); c != "" && s.authorization == "" {
		s.session = c
	}
}

func (s *shopper) cart(t *testing.T) []cart.Item {
	t.Helper()
	var c cart.Cart
	res := s.p.Do(t, http.MethodGet, "/api/cart", nil, s.headers()...)
	if res.Status != http.StatusOK {
		t.Fatalf("GET /api/cart: %d %s", res.Status, res.Body)
	}
	res.Decode(t, &c)
	return c.Items
}

func TestLoginAdoptsTheGuestCart(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p, _ := start(t, be, nil)
		register(t, p, "ada@example.com", "ada's long secret")
		account := &shopper{p: p, authorization: login(t, p, "ada@example.com", "ada's long secret")}
		account.add(t, mug, 3)

		guest := &shopper{p: p}
		guest.add(t, sunglasses, 2)
		guest.add(t, mug, 1)
		want := []cart.Item{{ProductID: mug, Quantity: 4}, {ProductID: sunglasses, Quantity: 2}}
		for attempt := range 2 {
			bearer := login(t, p, "ada@example.com", "ada's long secret", guest.headers()...)
			merged := &shopper{p: p, authorization: bearer}
			if got := merged.cart(t); !slices.Equal(got, want) {
				t.Errorf("login #%d with the guest cookie: the account's cart is %v, want %v", attempt+1, got, want)
			}
			if got := guest.cart(t); len(got) != 0 {
				t.Errorf("after login #%d the guest cart holds %v, want nothing", attempt+1, got)
			}
		}

		guest.add(t, watch, 1)
		login(t, p, "ada@example.com", "ada's long secret", guest.headers()...)
		want = []cart.Item{{ProductID: watch, Quantity: 1}, {ProductID: mug, Quantity: 4}, {ProductID: sunglasses, Quantity: 2}}
		if got := account.cart(t); !slices.Equal(got, want) {
			t.Errorf("after the guest came back with a watch: %v, want %v", got, want)
		}
	})
}

func TestLoginsThatDoNotAdoptTheGuestCart(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p, _ := start(t, be, nil)
		register(t, p, "ada@example.com", "ada's long secret")
		register(t, p, "bob@example.com", "bob's long secret")
		bob := login(t, p, "bob@example.com", "bob's long secret")
		for _, tc := range []struct {
			name     string
			password string
			token    string
			status   int
		}{
			{"wrong password", "not ada's secret", "", http.StatusUnauthorized},
			{"already logged in as someone", "ada's long secret", bob, http.StatusOK},
		} {
			t.Run(tc.name, func(t *testing.T) {
				guest := &shopper{p: p}
				guest.add(t, mug, 2)
				guest.authorization = tc.token
				res := p.Do(t, http.MethodPost, "/api/auth/login", map[string]string{"email": "ada@example.com", "password": tc.password}, guest.headers()...)
				if res.Status != tc.status {
					t.Fatalf("login: %d %s, want %d", res.Status, res.Body, tc.status)
				}
				guest.authorization = ""
				if got := guest.cart(t); !slices.Equal(got, []cart.Item{{ProductID: mug, Quantity: 2}}) {
					t.Errorf("the guest cart is %v, want it kept", got)
				}
			})
		}
		t.Run("a malformed session cookie", func(t *testing.T) {
			res := p.Do(t, http.MethodPost, "/api/auth/login", map[string]string{"email": "ada@example.com", "password": "ada's long secret"},
				"Cookie", "jubako_session=not-a-guest")
			if res.Status != http.StatusOK {
				t.Fatalf("login: %d %s, want 200", res.Status, res.Body)
			}
			if cookies := res.Cookies(); len(cookies) != 0 {
				t.Errorf("login set cookies %v, want none: it starts no guest session", cookies)
			}
		})
		ada := &shopper{p: p, authorization: login(t, p, "ada@example.com", "ada's long secret")}
		if got := ada.cart(t); len(got) != 0 {
			t.Errorf("ada's cart is %v, want nothing adopted", got)
		}
	})
}

package system

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/jubako/jubako/cmd/jubako/internal/linked"
	"github.com/jubako/jubako/modules/cart"
	"github.com/jubako/jubako/platform/testkit"
)

// authzCase is one route of the matrix: the request to send — a JSON
// body, or a form as the shop's pages take — and the status each actor
// must get (anonymous, customer, another customer, admin).
type authzCase struct {
	route   string
	path    func(c *cast) string
	body    func(c *cast, a *actor) any
	form    func(c *cast, a *actor) url.Values
	prepare func(t *testing.T, a *actor)
	want    [actors]int
}

var (
	open      = [actors]int{200, 200, 200, 200}
	usersOnly = [actors]int{401, 200, 200, 200}
	adminOnly = [actors]int{401, 403, 403, 200}
	// adminPasses: an admin passes the guard and gets the route's own
	// answer (status) about a resource that cannot be acted on.
	adminPasses = func(status int) [actors]int { return [actors]int{401, 403, 403, status} }
	// seeOther: a page's form, taken, sends everybody on (303).
	seeOther = [actors]int{303, 303, 303, 303}
)

func fixed(path string) func(*cast) string { return func(*cast) string { return path } }

// ofOrder is a path naming the customer's order (and its saga).
func ofOrder(prefix, suffix string) func(*cast) string {
	return func(c *cast) string { return prefix + c.orderID + suffix }
}

func body(v any) func(*cast, *actor) any { return func(*cast, *actor) any { return v } }

func fields(v url.Values) func(*cast, *actor) url.Values {
	return func(*cast, *actor) url.Values { return v }
}

// authzMatrix lists every route, in the order the requests are sent.
var authzMatrix = []authzCase{
	{route: "GET /healthz", want: open},
	{route: "GET /readyz", want: open},
	{route: "GET /metrics", want: adminOnly},
	{route: "POST /internal/bus/:endpoint", path: fixed("/internal/bus/catalog.ListProducts"), body: body(map[string]any{}), want: [actors]int{401, 401, 401, 401}},

	{route: "POST /api/auth/register", body: func(_ *cast, a *actor) any {
		return map[string]string{"email": "new-" + strings.ReplaceAll(a.name, " ", "-") + "@example.com", "password": "a new long secret"}
	}, want: [actors]int{201, 201, 201, 201}},
	{route: "POST /api/auth/login", body: func(c *cast, a *actor) any { return c.credentials(a) }, want: open},
	{route: "POST /api/auth/refresh", want: usersOnly},
	{route: "GET /api/auth/me", want: usersOnly},
	{route: "POST /api/auth/password", body: body(map[string]string{"current_password": "whatever it was", "new_password": "short"}),
		want: [actors]int{401, 400, 400, 400}},

	{route: "GET /api/catalog/products", want: open},
	{route: "GET /api/catalog/products/:id", path: fixed("/api/catalog/products/" + sunglasses), want: open},
	{route: "PUT /api/catalog/products/:id/price", path: fixed("/api/catalog/products/" + sunglasses + "/price"),
		body: body(map[string]any{"price_usd": usd(19, 990000000)}), want: adminOnly},
	{route: "GET /api/currency/currencies", want: open},
	{route: "POST /api/currency/convert", body: body(map[string]any{"from": usd(1, 0), "to_code": "EUR"}), want: open},
	{route: "GET /api/inventory/stock/:product_id", path: fixed("/api/inventory/stock/" + candleHolder), want: open},
	{route: "PUT /api/inventory/stock/:product_id", path: fixed("/api/inventory/stock/LS4PSXUNUM"), body: body(map[string]any{"on_hand": 40}), want: adminOnly},
	{route: "POST /api/shipping/quote", body: body(map[string]any{"items": []map[string]any{{"product_id": mug, "quantity": 1}}, "currency": "EUR"}), want: open},
	{route: "GET /api/recommendations", path: fixed("/api/recommendations?product_ids=" + mug), want: open},
	{route: "GET /api/ads", want: open},
	{route: "GET /api/openapi.json", want: open},
	{route: "GET /bff/web/home", want: open},
	{route: "GET /bff/web/product/:id", path: fixed("/bff/web/product/" + sunglasses), want: open},
	{route: "GET /bff/mobile/product/:id", path: fixed("/bff/mobile/product/" + sunglasses), want: open},

	{route: "GET /api/cart", want: open},
	{route: "POST /api/cart/items", body: body(map[string]any{"product_id": sunglasses, "quantity": 1}), want: open},
	{route: "POST /api/checkout", body: body(form(nil)), prepare: func(t *testing.T, a *actor) { a.add(t, mug, 1) }, want: [actors]int{202, 202, 202, 202}},
	{route: "DELETE /api/cart", want: open},
	{route: "GET /api/orders", want: open},
	{route: "GET /api/orders/:id", path: ofOrder("/api/orders/", ""), want: [actors]int{404, 200, 404, 404}},
	{route: "GET /api/orders/:id/events", path: ofOrder("/api/orders/", "/events"), want: [actors]int{404, 200, 404, 200}},

	// The shop's pages: an actor's bearer token identifies them, as the API's.
	{route: "GET /", want: open},
	{route: "GET /product/:id", path: fixed("/product/" + sunglasses), want: open},
	{route: "POST /setCurrency", form: fields(url.Values{"currency_code": {"EUR"}}), want: seeOther},
	{route: "POST /cart", form: fields(url.Values{"product_id": {mug}, "quantity": {"1"}}), want: seeOther},
	{route: "GET /cart", want: open},
	{route: "POST /cart/checkout", form: fields(pageCheckout), prepare: func(t *testing.T, a *actor) { a.add(t, mug, 1) }, want: seeOther},
	{route: "POST /cart/empty", want: seeOther},
	{route: "GET /orders", want: open},
	{route: "GET /orders/:id", path: ofOrder("/orders/", ""), want: [actors]int{404, 200, 404, 404}},
	{route: "GET /login", want: open},
	{route: "POST /login", form: func(c *cast, a *actor) url.Values { return formOf(c.credentials(a)) }, want: seeOther},
	{route: "GET /register", want: open},
	{route: "POST /register", form: func(_ *cast, a *actor) url.Values {
		return url.Values{"email": {"page-" + strings.ReplaceAll(a.name, " ", "-") + "@example.com"}, "password": {"a new long secret"}}
	}, want: seeOther},
	{route: "GET /logout", want: seeOther},
	{route: "GET /static/*", path: fixed("/static/shop.css"), want: open},

	{route: "GET /api/notification/mails", path: ofOrder("/api/notification/mails?order_id=", ""), want: adminOnly},
	{route: "GET /api/payment/ledger", path: ofOrder("/api/payment/ledger?reference=", ""), want: adminOnly},
	{route: "GET /api/shipping/shipments", path: ofOrder("/api/shipping/shipments?reference=", ""), want: adminOnly},
	{route: "GET /api/admin/registry", want: adminOnly},
	{route: "GET /api/admin/breakers", want: adminOnly},
	{route: "POST /api/admin/breakers/force", body: body(map[string]any{"endpoint": "catalog.GetProduct", "state": "auto"}), want: adminOnly},
	{route: "GET /api/admin/deadletters", want: adminOnly},
	{route: "POST /api/admin/deadletters/:queue/:id/resubmit", path: fixed("/api/admin/deadletters/orders/none/resubmit"), want: adminPasses(404)},
	{route: "DELETE /api/admin/deadletters/:queue/:id", path: fixed("/api/admin/deadletters/orders/none"), want: adminPasses(404)},
	{route: "GET /api/admin/traces", want: adminOnly},
	{route: "GET /api/admin/traces/:id", path: fixed("/api/admin/traces/none"), want: adminPasses(404)},
	{route: "GET /api/admin/projections", want: adminOnly},
	{route: "POST /api/admin/projections/:name/rebuild", path: fixed("/api/admin/projections/daily_sales/rebuild"), want: adminOnly},
	{route: "GET /api/admin/sagas", want: adminOnly},
	{route: "GET /api/admin/sagas/:id", path: ofOrder("/api/admin/sagas/", ""), want: adminOnly},
	{route: "POST /api/admin/sagas/:id/retry", path: ofOrder("/api/admin/sagas/", "/retry"), want: adminPasses(409)},
	{route: "POST /api/admin/sagas/:id/compensate", path: ofOrder("/api/admin/sagas/", "/compensate"), want: adminPasses(409)},
	{route: "POST /api/admin/faults", body: body(harmlessFault), want: [actors]int{401, 403, 403, 201}},
	{route: "GET /api/admin/faults", want: adminOnly},
	{route: "DELETE /api/admin/faults/:id", path: fixed("/api/admin/faults/none"), want: adminPasses(404)},
	{route: "DELETE /api/admin/faults", want: adminOnly},

	{route: "POST /api/admin/experiments", body: body(probeExperiment("1m")), want: adminPasses(201)},
	{route: "GET /api/admin/experiments", want: adminOnly},
	{route: "GET /api/admin/experiments/:id", path: latestRun(""), want: adminOnly},
	{route: "POST /api/admin/experiments/:id/stop", path: latestRun("/stop"), want: adminOnly},
	{route: "PUT /api/admin/experiments/definitions/:name", path: fixed("/api/admin/experiments/definitions/probe"),
		body: body(probeExperiment("1s")), want: adminOnly},
	{route: "GET /api/admin/experiments/definitions", want: adminOnly},
	{route: "POST /api/admin/experiments/definitions/:name/start", path: fixed("/api/admin/experiments/definitions/probe/start"), want: adminPasses(201)},
	{route: "DELETE /api/admin/experiments/definitions/:name", path: fixed("/api/admin/experiments/definitions/probe"), want: adminPasses(204)},
}

// probeExperiment is an experiment that changes nothing a test sees: 1 ms
// more on a route nobody calls.
func probeExperiment(duration string) map[string]any {
	return map[string]any{
		"name": "probe", "duration": duration, "settle": "1s",
		"faults":     []any{map[string]any{"target": "GET /api/nowhere", "kind": "latency", "latency": "1ms"}},
		"hypothesis": []any{map[string]any{"metric": "route_error_rate", "route": "GET /api/nowhere", "max_delta": 0.1}},
	}
}

// latestRun is the path of the latest experiment run, plus suffix.
func latestRun(suffix string) func(*cast) string {
	return func(c *cast) string {
		var list struct {
			Experiments []struct {
				ID string `json:"id"`
			} `json:"experiments"`
		}
		admin := c.all[adminActor]
		if _, data, err := send(admin.client, http.MethodGet, admin.shop.url+"/api/admin/experiments?limit=1", nil); err == nil {
			_ = json.Unmarshal(data, &list)
		}
		if len(list.Experiments) == 0 {
			return "/api/admin/experiments/none" + suffix
		}
		return "/api/admin/experiments/" + list.Experiments[0].ID + suffix
	}
}

// harmlessFault is a fault that hits nothing: 0 % of the ads' requests.
var harmlessFault = map[string]any{"target": "GET /api/ads", "kind": "error", "percent": 0, "ttl": "1m"}

// TestAuthorisationMatrix sends every route's request as each actor and
// checks the status; a route registered without an entry fails the test.
func TestAuthorisationMatrix(t *testing.T) {
	p := testkit.Start(t, testkit.SQLite(t), authzSettings, linked.Modules()...)
	c := newCast(t, &shop{url: p.URL})
	c.placeOrder(t)
	checkCartsArePerCaller(t, c)

	var covered []string
	for _, tc := range authzMatrix {
		covered = append(covered, tc.route)
		t.Run(tc.route, func(t *testing.T) {
			for i, a := range c.all {
				checkAccess(t, c, tc, a, tc.want[i])
			}
		})
	}
	slices.Sort(covered)
	for _, r := range registeredRoutes(p) {
		if _, found := slices.BinarySearch(covered, r); !found {
			t.Errorf("route %s has no entry in the authorisation matrix", r)
		}
	}
	for _, r := range covered {
		if !slices.Contains(registeredRoutes(p), r) {
			t.Errorf("the matrix lists %s, which is not a route", r)
		}
	}
}

func checkAccess(t *testing.T, c *cast, tc authzCase, a *actor, want int) {
	t.Helper()
	method, path, _ := strings.Cut(tc.route, " ")
	if tc.path != nil {
		path = tc.path(c)
	}
	var b any
	if tc.body != nil {
		b = tc.body(c, a)
	}
	if tc.prepare != nil {
		tc.prepare(t, a)
	}
	status, data := call(t, a.client, method, c.all[0].shop.url+path, b)
	if tc.form != nil {
		status, data = postForm(t, a.client, c.all[0].shop.url+path, tc.form(c, a))
	}
	if status != want {
		t.Errorf("%s %s as %s: %d, want %d: %.300s", method, path, a.name, status, want, data)
	}
	if code := deniedCodes[status]; code != "" && !strings.Contains(string(data), `"code":"`+code+`"`) {
		t.Errorf("%s %s as %s: %d without code %q: %.300s", method, path, a.name, status, code, data)
	}
}

// pageCheckout is the shop's checkout form, good.
var pageCheckout = url.Values{"email": {"ada@example.com"}, "street_address": {"1600 Amphitheatre Parkway"}, "zip_code": {"94043"},
	"city": {"Mountain View"}, "state": {"CA"}, "country": {"United States"}, "credit_card_number": {"4432-8015-6152-0454"},
	"credit_card_expiration_month": {"1"}, "credit_card_expiration_year": {"2039"}, "credit_card_cvv": {"672"}}

// formOf is a map of fields as a form.
func formOf(m map[string]string) url.Values {
	out := url.Values{}
	for k, v := range m {
		out.Set(k, v)
	}
	return out
}

// postForm posts a form as a browser does and returns the status and body.
func postForm(t *testing.T, client *http.Client, url string, form url.Values) (int, []byte) {
	t.Helper()
	res, err := client.PostForm(url, form)
	if err != nil {
		t.Fatalf("POST %s: %v", url, err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, data
}

// deniedCodes are the error codes that go with a refusal.
var deniedCodes = map[int]string{401: "unauthorized", 403: "forbidden"}

// checkCartsArePerCaller has the customer fill their cart: nobody else's
// cart shows it.
func checkCartsArePerCaller(t *testing.T, c *cast) {
	ada := c.all[customerActor]
	ada.add(t, watch, 2)
	for _, a := range c.all {
		items := a.cart(t).Items
		has := slices.ContainsFunc(items, func(it cart.Item) bool { return it.ProductID == watch })
		if has != (a == ada) {
			t.Errorf("%s's cart %v: want the watches in the customer's cart only", a.name, items)
		}
	}
}

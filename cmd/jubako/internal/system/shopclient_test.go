package system

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"testing"
	"time"

	"github.com/jubako/jubako/modules/cart"
	"github.com/jubako/jubako/modules/inventory"
	"github.com/jubako/jubako/modules/notification"
	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/payment"
	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/platform/testkit"
)

// shop is a running shop seen from outside: one address, an admin's
// Authorization header, and the address of its gRPC server.
// The suites speak only HTTP and gRPC to it, so they run unchanged against
// any topology — one process or several.
type shop struct {
	url   string
	admin string
	grpc  string
}

// customer is a browser: a cookie jar holding their guest session.
type customer struct {
	shop   *shop
	client *http.Client
}

func (s *shop) customer() *customer {
	jar, _ := cookiejar.New(nil) // never fails without options
	return &customer{shop: s, client: &http.Client{Jar: jar, Timeout: 30 * time.Second}}
}

// call sends a JSON request and returns the status and body.
func call(t testing.TB, client *http.Client, method, url string, body any, headers ...string) (int, []byte) {
	t.Helper()
	status, data, err := send(client, method, url, body, headers...)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	return status, data
}

// send is call for callers that expect failures (a shop being restarted).
func send(client *http.Client, method, url string, body any, headers ...string) (int, []byte, error) {
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = bytes.NewReader([]byte(b))
	default:
		data, err := json.Marshal(b)
		if err != nil {
			return 0, nil, err
		}
		r = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, url, r)
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	return res.StatusCode, data, err
}

func decode(t testing.TB, status int, data []byte, want int, v any) {
	t.Helper()
	if status != want {
		t.Fatalf("status %d, want %d: %s", status, want, data)
	}
	if v != nil {
		if err := json.Unmarshal(data, v); err != nil {
			t.Fatalf("%v: %s", err, data)
		}
	}
}

func (c *customer) add(t testing.TB, productID string, qty int) {
	t.Helper()
	status, data := call(t, c.client, http.MethodPost, c.shop.url+"/api/cart/items", map[string]any{"product_id": productID, "quantity": qty})
	decode(t, status, data, http.StatusOK, nil)
}

func (c *customer) cart(t testing.TB) cart.Cart {
	t.Helper()
	var got cart.Cart
	status, data := call(t, c.client, http.MethodGet, c.shop.url+"/api/cart", nil)
	decode(t, status, data, http.StatusOK, &got)
	return got
}

// checkout places an order and returns the status and order id.
func (c *customer) checkout(t testing.TB, form map[string]any, key string) (int, string, []byte) {
	t.Helper()
	var headers []string
	if key != "" {
		headers = []string{"Idempotency-Key", key}
	}
	status, data := call(t, c.client, http.MethodPost, c.shop.url+"/api/checkout", form, headers...)
	var reply struct {
		OrderID string `json:"order_id"`
		Status  string `json:"status"`
	}
	_ = json.Unmarshal(data, &reply)
	if status == http.StatusAccepted && reply.Status != orders.StatusPending {
		t.Errorf("a new order is %q, want PENDING", reply.Status)
	}
	return status, reply.OrderID, data
}

func (c *customer) order(t testing.TB, id string) (int, orders.Order) {
	t.Helper()
	var o orders.Order
	status, data := call(t, c.client, http.MethodGet, c.shop.url+"/api/orders/"+id, nil)
	if status == http.StatusOK {
		decode(t, status, data, http.StatusOK, &o)
	}
	return status, o
}

// orders lists the customer's orders.
func (c *customer) orders(t testing.TB) []orders.Order {
	t.Helper()
	var list orders.ListOrdersReply
	status, data := call(t, c.client, http.MethodGet, c.shop.url+"/api/orders", nil)
	decode(t, status, data, http.StatusOK, &list)
	return list.Orders
}

// settled waits until the order is COMPLETED or CANCELLED.
func (c *customer) settled(t testing.TB, id string) orders.Order {
	t.Helper()
	var o orders.Order
	testkit.Eventually(t, 60*time.Second, func() bool {
		_, o = c.order(t, id)
		return o.Status == orders.StatusCompleted || o.Status == orders.StatusCancelled
	}, func() string { return fmt.Sprintf("order %s is still %q", id, o.Status) })
	return o
}

func (s *shop) adminGet(t testing.TB, path string, v any) {
	t.Helper()
	status, data := call(t, http.DefaultClient, http.MethodGet, s.url+path, nil, "Authorization", s.admin)
	decode(t, status, data, http.StatusOK, v)
}

func (s *shop) stock(t testing.TB, productID string) inventory.Stock {
	var st inventory.Stock
	s.adminGet(t, "/api/inventory/stock/"+productID, &st)
	return st
}

func (s *shop) setStock(t testing.TB, productID string, onHand int) {
	t.Helper()
	status, data := call(t, http.DefaultClient, http.MethodPut, s.url+"/api/inventory/stock/"+productID,
		map[string]any{"on_hand": onHand}, "Authorization", s.admin)
	decode(t, status, data, http.StatusOK, nil)
}

func (s *shop) ledger(t testing.TB, orderID string) []payment.Entry {
	var l payment.LedgerReply
	s.adminGet(t, "/api/payment/ledger?reference="+orderID, &l)
	return l.Entries
}

func (s *shop) shipments(t testing.TB, orderID string) []shipping.Shipment {
	var r shipping.ShipmentsReply
	s.adminGet(t, "/api/shipping/shipments?reference="+orderID, &r)
	return r.Shipments
}

func (s *shop) mails(t testing.TB, orderID string) []notification.Mail {
	var r notification.MailsReply
	s.adminGet(t, "/api/notification/mails?order_id="+orderID, &r)
	return r.Mails
}

// form is a valid checkout form, its card good for years to come; change
// tweaks it.
func form(change func(f map[string]any)) map[string]any {
	f := map[string]any{
		"email":    "ada@example.com",
		"currency": "EUR",
		"address": map[string]any{
			"street_address": "1600 Amphitheatre Parkway", "city": "Mountain View", "state": "CA",
			"country": "USA", "zip_code": "94043",
		},
		"credit_card": map[string]any{
			"number": "4111111111111111", "cvv": 123, "expiration_year": time.Now().Year() + 3, "expiration_month": 1,
		},
	}
	if change != nil {
		change(f)
	}
	return f
}

func withCard(number string) func(map[string]any) {
	return func(f map[string]any) { f["credit_card"].(map[string]any)["number"] = number }
}

func withZip(zip string) func(map[string]any) {
	return func(f map[string]any) { f["address"].(map[string]any)["zip_code"] = zip }
}

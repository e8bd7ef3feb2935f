package local_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"math"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/jubako/jubako/modules/currency"
	"github.com/jubako/jubako/modules/currency/local"
	"github.com/jubako/jubako/platform/gateway"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

func start(t *testing.T) *testkit.Process {
	t.Helper()
	return testkit.Start(t, testkit.SQLite(t), nil, local.Module)
}

// send makes one HTTP request with body as JSON (none when empty) and
// decodes the answer into ok on 200, or into an error body otherwise. It
// fails t on a 5xx: no input may cause one.
func send(t *testing.T, method, url, body string, ok any) (int, *shared.Error) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode >= 500 {
		t.Fatalf("%s %s %s: status %d: %s", method, url, body, resp.StatusCode, raw)
	}
	if resp.StatusCode == http.StatusOK {
		if err := json.Unmarshal(raw, ok); err != nil {
			t.Fatalf("%s %s: decode %s: %v", method, url, raw, err)
		}
		return resp.StatusCode, nil
	}
	var eb gateway.ErrorBody
	if err := json.Unmarshal(raw, &eb); err != nil || eb.Error == nil {
		t.Fatalf("%s %s: status %d with a body not in the error shape: %s", method, url, resp.StatusCode, raw)
	}
	return resp.StatusCode, eb.Error
}

func TestSupportedCurrencies(t *testing.T) {
	p := start(t)
	var overHTTP currency.SupportedReply
	if status, e := send(t, http.MethodGet, p.URL+"/api/currency/currencies", "", &overHTTP); status != http.StatusOK {
		t.Fatalf("status %d: %v", status, e)
	}
	codes := overHTTP.CurrencyCodes
	if len(codes) != 33 || !slices.IsSorted(codes) {
		t.Errorf("got %v, want the 33 codes of the rate table, sorted", codes)
	}
	for _, code := range []string{"EUR", "JPY", "USD"} {
		if !slices.Contains(codes, code) {
			t.Errorf("%s missing from %v", code, codes)
		}
	}
	overBus, err := currency.SupportedCurrencies.Call(context.Background(), p.Bus, currency.SupportedRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(overBus.CurrencyCodes, codes) {
		t.Errorf("bus gave %v, HTTP gave %v", overBus.CurrencyCodes, codes)
	}
}

func money(code string, units int64, nanos int32) shared.Money {
	return shared.Money{CurrencyCode: code, Units: units, Nanos: nanos}
}

// convertCases run over HTTP and over the bus with the same outcome. An
// empty field means success. Values are derived in internal/app's tests.
var convertCases = []struct {
	name   string
	req    currency.ConvertRequest
	want   shared.Money
	field  string
	reason string
}{
	{name: "USD to JPY", req: currency.ConvertRequest{From: money("USD", 19, 990_000_000), ToCode: "JPY"}, want: money("JPY", 2235, 60_592_658)},
	{name: "refund", req: currency.ConvertRequest{From: money("USD", -19, -990_000_000), ToCode: "JPY"}, want: money("JPY", -2235, -60_592_658)},
	{name: "EUR identity", req: currency.ConvertRequest{From: money("EUR", 5, 1), ToCode: "EUR"}, want: money("EUR", 5, 1)},
	{name: "tie to even", req: currency.ConvertRequest{From: money("EUR", 0, 3000), ToCode: "USD"}, want: money("USD", 0, 3392)},
	{name: "unknown to_code", req: currency.ConvertRequest{From: money("USD", 1, 0), ToCode: "XXX"}, field: "to_code", reason: "unsupported_currency"},
	{name: "unknown from", req: currency.ConvertRequest{From: money("ABC", 1, 0), ToCode: "JPY"}, field: "from.currency_code", reason: "unsupported_currency"},
	{name: "nanos out of range", req: currency.ConvertRequest{From: money("USD", 1, 1_000_000_000), ToCode: "JPY"}, field: "from.nanos"},
	{name: "overflow", req: currency.ConvertRequest{From: money("USD", math.MaxInt64, 0), ToCode: "JPY"}, field: "from.units"},
}

func TestConvertOverHTTPAndBus(t *testing.T) {
	p := start(t)
	for _, tc := range convertCases {
		t.Run(tc.name, func(t *testing.T) {
			body, err := json.Marshal(tc.req)
			if err != nil {
				t.Fatal(err)
			}
			var overHTTP shared.Money
			status, httpErr := send(t, http.MethodPost, p.URL+"/api/currency/convert", string(body), &overHTTP)
			overBus, busErr := currency.Convert.Call(context.Background(), p.Bus, tc.req)
			if tc.field == "" {
				if status != http.StatusOK || busErr != nil {
					t.Fatalf("HTTP: %d %v; bus: %v", status, httpErr, busErr)
				}
				if overHTTP != tc.want || overBus != tc.want {
					t.Errorf("HTTP gave %+v, bus gave %+v, want %+v", overHTTP, overBus, tc.want)
				}
				return
			}
			if status != http.StatusBadRequest {
				t.Errorf("HTTP status %d, want 400", status)
			}
			checkInvalid(t, "HTTP", httpErr, tc.field, tc.reason)
			checkInvalid(t, "bus", busErr, tc.field, tc.reason)
			if errors.Is(busErr, currency.ErrUnsupportedCurrency) != (tc.reason != "") {
				t.Errorf("errors.Is(%v, ErrUnsupportedCurrency) = %v", busErr, tc.reason == "")
			}
		})
	}
}

func checkInvalid(t *testing.T, via string, err error, field, reason string) {
	t.Helper()
	if !errors.Is(err, shared.ErrInvalid) {
		t.Fatalf("%s: error %v is not Invalid", via, err)
	}
	e := shared.AsError(err)
	if e.Field != field || e.Reason != reason {
		t.Errorf("%s: error %+v, want field %q reason %q", via, e, field, reason)
	}
}

func TestConvertRejectsBadBodies(t *testing.T) {
	p := start(t)
	for _, tc := range []struct{ name, body, field string }{
		{"missing body", "", "body"},
		{"blank body", "  \n", "body"},
		{"malformed JSON", `{"from": {"currency_code": "USD",}`, "body"},
		{"truncated JSON", `{"from": {"currency_code": "USD"`, "body"},
		{"not an object", `["USD", 1]`, "body"},
		{"trailing data", `{"to_code": "JPY"} {}`, "body"},
		{"units not a number", `{"from": {"currency_code": "USD", "units": "abc"}, "to_code": "JPY"}`, "from.units"},
		{"units too large", `{"from": {"currency_code": "USD", "units": 1e30}, "to_code": "JPY"}`, "from.units"},
		{"nanos beyond int32", `{"from": {"currency_code": "USD", "nanos": 2147483648}, "to_code": "JPY"}`, "from.nanos"},
		{"to_code not a string", `{"from": {"currency_code": "USD", "units": 1}, "to_code": 7}`, "to_code"},
		{"no from", `{"to_code": "JPY"}`, "from.currency_code"},
		{"no to_code", `{"from": {"currency_code": "USD", "units": 1}}`, "to_code"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var m shared.Money
			status, e := send(t, http.MethodPost, p.URL+"/api/currency/convert", tc.body, &m)
			if status != http.StatusBadRequest {
				t.Fatalf("status %d (reply %+v), want 400", status, m)
			}
			if e.Code != shared.CodeInvalid || e.Field != tc.field {
				t.Errorf("error %+v, want code invalid, field %q", e, tc.field)
			}
		})
	}
}

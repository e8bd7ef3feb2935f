package shared_test

import (
	"errors"
	"testing"

	"github.com/jubako/jubako/shared"
)

type address struct {
	City    string `json:"city"`
	ZipCode string `json:"zip_code,omitempty"`
	Secret  string `json:"-"`
}

type line struct {
	ProductID string `json:"product_id"`
}

type Meta struct {
	Source string `json:"source"`
}

type order struct {
	Meta
	Email   string            `json:"email"`
	Address address           `json:"address"`
	Billing *address          `json:"billing"`
	Items   []line            `json:"items"`
	Labels  map[string]string `json:"labels"`
	Extra   any               `json:"extra"`
	Note    string
}

func TestDecodeJSONRefusesNULAndNamesTheField(t *testing.T) {
	for _, tc := range []struct {
		name, body, field string
	}{
		{"top-level field", `{"email":"ada\u0000@example.com"}`, "email"},
		{"nested struct", `{"address":{"city":"Mountain\u0000View"}}`, "address.city"},
		{"omitempty tag", `{"address":{"zip_code":"\u0000"}}`, "address.zip_code"},
		{"pointer", `{"billing":{"city":"\u0000"}}`, "billing.city"},
		{"slice", `{"items":[{"product_id":"OK"},{"product_id":"\u0000"}]}`, "items[1].product_id"},
		{"map value", `{"labels":{"a":"fine","b":"x\u0000"}}`, "labels.b"},
		{"map key", `{"labels":{"\u0000":"fine"}}`, "labels"},
		{"first of two in a map", `{"labels":{"z":"\u0000","c":"\u0000"}}`, "labels.c"},
		{"inside any", `{"extra":{"tags":["ok","\u0000"]}}`, "extra.tags[1]"},
		{"embedded struct", `{"source":"\u0000"}`, "source"},
		{"untagged field", `{"Note":"\u0000"}`, "Note"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got order
			wantInvalid(t, shared.DecodeJSON([]byte(tc.body), &got), tc.field)
		})
	}
}

func TestDecodeJSONNamesTheBodyForABareString(t *testing.T) {
	var s string
	wantInvalid(t, shared.DecodeJSON([]byte(`"a\u0000b"`), &s), "body")
}

func TestDecodeJSONKeepsWhatHasNoNUL(t *testing.T) {
	for _, tc := range []struct {
		name, body string
	}{
		{"plain", `{"email":"ada@example.com","items":[{"product_id":"OK"}]}`},
		{"escaped backslash", `{"email":"\\u0000"}`},
		{"other escapes", `{"email":"\u0001\u00e9"}`},
		{"ignored field", `{"address":{"city":"x"},"unknown":"\u0000"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got order
			if err := shared.DecodeJSON([]byte(tc.body), &got); err != nil {
				t.Fatalf("%s: %v", tc.body, err)
			}
		})
	}
}

func TestDecodeJSONSkipsFieldsJSONSkips(t *testing.T) {
	got := order{Address: address{Secret: "\x00"}}
	if err := shared.DecodeJSON([]byte(`{"unknown":"\u0000"}`), &got); err != nil {
		t.Fatal(err)
	}
}

func wantInvalid(t *testing.T, err error, field string) {
	t.Helper()
	var e *shared.Error
	if !errors.As(err, &e) || e.Code != shared.CodeInvalid || e.Field != field {
		t.Fatalf("got %v, want invalid %q", err, field)
	}
}

package app

import (
	"encoding/json"
	"testing"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/modules/payment"
)

// storedState is a checkout state as it was stored when the saga carried
// payment's CreditCard: sagas in flight across the upgrade still decode.
const storedState = `{"order_id":"o1","user_id":"u1","email":"ada@example.com","lines":[],` +
	`"shipping":{"currency_code":"EUR","units":8,"nanos":0},"total":{"currency_code":"EUR","units":8,"nanos":0},` +
	`"address":{"street_address":"1 Main St","city":"Springfield","state":"","country":"USA","zip_code":"94043"},` +
	`"card":{"number":"4111111111111111","cvv":123,"expiration_year":2039,"expiration_month":12}}`

func TestCheckoutStateKeepsTheStoredCardFormat(t *testing.T) {
	var st checkoutState
	if err := json.Unmarshal([]byte(storedState), &st); err != nil {
		t.Fatal(err)
	}
	want := orders.CreditCard{Number: "4111111111111111", CVV: 123, ExpirationYear: 2039, ExpirationMonth: 12}
	if st.Card != want {
		t.Fatalf("card %+v, want %+v", st.Card, want)
	}
	out, err := json.Marshal(st.Card)
	if err != nil {
		t.Fatal(err)
	}
	if got := `{"number":"4111111111111111","cvv":123,"expiration_year":2039,"expiration_month":12}`; string(out) != got {
		t.Errorf("card written as %s, want %s", out, got)
	}
	charged := payment.CreditCard{Number: "4111111111111111", CVV: 123, ExpirationYear: 2039, ExpirationMonth: 12}
	if got := paymentCard(st.Card); got != charged {
		t.Errorf("payment gets %+v, want %+v", got, charged)
	}
}

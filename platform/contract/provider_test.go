package contract

import (
	"context"
	"net"
	"strings"
	"testing"

	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

// fieldPact expects an unknown item refused on its field, any reason.
func fieldPact() *Contract {
	p := Between("till", "shelf")
	Expect(p, "refuses an unknown id", get, getRequest{ID: "Z"}).Fails(&shared.Error{Code: shared.CodeNotFound, Field: "id"})
	return &p.contract
}

func TestReplay(t *testing.T) {
	p, setUps := verifying(t)
	contract := func(priceField string) *Contract { return &tillPact(priceField).contract }
	cases := []struct {
		name     string
		contract *Contract
		i        string
		want     []string // in every failure: consumer, interaction, field…
	}{
		{name: "the reply as read", contract: contract("units"), i: "prices an item"},
		{name: "the error as expected", contract: contract("units"), i: "an unknown item is refused"},
		{name: "the error's code and field as expected", contract: fieldPact(), i: "refuses an unknown id"},
		{name: "a field the provider does not send", contract: contract("unit"), i: "prices an item",
			want: []string{"till → shelf", `"prices an item"`, "price_usd.unit: missing, want integer"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			errs := p.replay(t.Context(), tc.contract, tc.contract.Interaction(tc.i))
			if tc.want == nil && len(errs) > 0 {
				t.Fatalf("replay failed: %v", errs)
			}
			if tc.want != nil && len(errs) != 2 {
				t.Fatalf("got %d failures %v, want one per transport", len(errs), errs)
			}
			for _, err := range errs {
				for _, w := range tc.want {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("%q does not say %q", err, w)
					}
				}
			}
		})
	}
	if n := setUps.Load(); n != 2 {
		t.Errorf("the state was set up %d times, want once before each of 2 interactions given it", n)
	}
}

func TestReplayFailures(t *testing.T) {
	p, _ := verifying(t)
	c := &tillPact("units").contract
	cases := []struct {
		name string
		edit func(i *Interaction)
		want string
	}{
		{name: "a reply where an error is expected", edit: func(i *Interaction) { i.Error = &Failure{Code: "not_found"} },
			want: "answered a reply, want error not_found"},
		{name: "an error where a reply is expected", edit: func(i *Interaction) { i.Request = []byte(`{"id":"Z"}`) },
			want: "failed with not_found/no_such_item on id (no item Z)"},
		{name: "an error of another reason", edit: func(i *Interaction) {
			i.Request, i.Error = []byte(`{"id":"Z"}`), &Failure{Code: "not_found", Reason: "item_retired"}
		}, want: "failed with not_found/no_such_item on id (no item Z), want error not_found/item_retired"},
		{name: "an error on another field", edit: func(i *Interaction) {
			i.Request, i.Error = []byte(`{"id":"Z"}`), &Failure{Code: "not_found", Field: "sku"}
		}, want: "want error not_found on sku"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			i := *c.Interaction("prices an item")
			tc.edit(&i)
			errs := p.replay(t.Context(), c, &i)
			if len(errs) != 2 {
				t.Fatalf("got %d failures %v, want one per transport", len(errs), errs)
			}
			for _, err := range errs {
				if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "till → shelf") {
					t.Errorf("%q does not name the contract and say %q", err, tc.want)
				}
			}
		})
	}
}

func TestRequestTakesValuesOfTheState(t *testing.T) {
	p, _ := verifying(t)
	cases := []struct {
		name  string
		field string
		value string
		want  string
	}{
		{name: "the id the state made", field: "id", value: "item_id"},
		{name: "a value the state does not give", field: "id", value: "sku",
			want: `request field id: the provider state gives no value "sku"`},
		{name: "a field under no object", field: "item.id", value: "item_id",
			want: "request field item.id: the request has no object item"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			pact := Between("till", "shelf")
			Expect(pact, "prices the shelved item", get, getRequest{ID: "an id the shelf chooses"}).
				Given("an item was shelved").
				FromState(tc.field, tc.value).
				Reads(Object(Fields{"id": Equals("A")}))
			c := &pact.contract
			errs := p.replay(t.Context(), c, c.Interactions[0])
			if tc.want == "" && len(errs) > 0 {
				t.Fatalf("replay failed: %v", errs)
			}
			if tc.want != "" && (len(errs) != 1 || !strings.Contains(errs[0].Error(), tc.want)) {
				t.Errorf("got %v, want one failure saying %q", errs, tc.want)
			}
		})
	}
}

func TestReplayStopsBeforeSending(t *testing.T) {
	p, _ := verifying(t)
	c := &tillPact("units").contract
	cases := []struct {
		name string
		edit func(i *Interaction)
		want string
	}{
		{name: "unknown state", edit: func(i *Interaction) { i.Given = "item A is on fire" },
			want: `contract till → shelf, interaction "prices an item" (shelf.Get, given "item A is on fire"): unknown provider state "item A is on fire"`},
		{name: "unknown endpoint", edit: func(i *Interaction) { i.Endpoint = "shelf.Gone" },
			want: `contract till → shelf, interaction "prices an item" (shelf.Gone, given "item A is shelved"): the provider declares no such endpoint`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			i := *c.Interaction("prices an item")
			tc.edit(&i)
			errs := p.replay(t.Context(), c, &i)
			if len(errs) != 1 || !strings.Contains(errs[0].Error(), tc.want) {
				t.Errorf("got %v, want one failure saying %q", errs, tc.want)
			}
		})
	}
}

func TestRemoteReplayGoesOverHTTP(t *testing.T) {
	served := testkit.Start(t, testkit.SQLite(t), Settings(), shelf())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	dead := "http://" + ln.Addr().String()
	ln.Close()
	p := NewProvider("shelf", &testkit.Process{Bus: served.Bus, URL: dead})
	p.State("item A is shelved", func(context.Context) error { return nil })
	c := &tillPact("units").contract
	errs := p.replay(t.Context(), c, c.Interaction("prices an item"))
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "unavailable") {
		t.Errorf("with nothing at the provider's address: %v, want the remote replay alone unavailable", errs)
	}
}

func TestCheckMessage(t *testing.T) {
	p, _ := verifying(t)
	cases := []struct {
		name  string
		topic string
		event Matcher
		want  string
	}{
		{name: "the event as read", topic: restocked.Info().Name, event: Object(Fields{"item_id": String(), "count": Integer()})},
		{name: "a field the example lacks", topic: restocked.Info().Name, event: Object(Fields{"quantity": Integer()}),
			want: `contract till → shelf, message "m" (shelf.restocked.v1): event quantity: missing, want integer`},
		{name: "no example", topic: "shelf.emptied.v1", event: Object(nil),
			want: "no example event"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := &Contract{Consumer: "till", Provider: "shelf"}
			err := p.checkMessage(c, &Message{Description: "m", Topic: tc.topic, Event: tc.event})
			if (err == nil) != (tc.want == "") || err != nil && !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
}

func TestMessagesOnlyProvider(t *testing.T) {
	p := Messages("shelf")
	Publishes(p, restocked, restockedEvent{ItemID: "A", Count: 3})
	c := &Contract{Consumer: "till", Provider: "shelf"}
	if err := p.checkMessage(c, &Message{Description: "m", Topic: restocked.Info().Name, Event: Object(Fields{"count": Integer()})}); err != nil {
		t.Errorf("the example as read: %v", err)
	}
	pact := &tillPact("units").contract
	errs := p.replay(t.Context(), pact, pact.Interaction("prices an item"))
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "publishes events only and serves no endpoint") {
		t.Errorf("an interaction of a provider of events only: %v, want one failure saying it serves no endpoint", errs)
	}
}

func TestCheckEventNamesTheField(t *testing.T) {
	c := &Contract{Consumer: "till", Provider: "shelf"}
	m := &Message{Description: "counts a restock", Topic: restocked.Info().Name, Event: Object(Fields{"count": Integer()})}
	err := c.CheckEvent(m, []byte(`{"item_id":"A","quantity":3}`))
	want := `contract till → shelf, message "counts a restock" (shelf.restocked.v1): event count: missing, want integer`
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %q", err, want)
	}
}

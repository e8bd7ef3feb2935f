package local_test

import (
	"context"
	"testing"
	"time"

	"go.uber.org/fx"

	currencylocal "github.com/jubako/jubako/modules/currency/local"
	"github.com/jubako/jubako/modules/shipping"
	"github.com/jubako/jubako/modules/shipping/local"
	"github.com/jubako/jubako/platform/testkit"
)

var admin = []string{"Authorization", testkit.AdminAuthorization}

// start runs shipping with the currency module it quotes through, and the
// extra options.
func start(t *testing.T, be testkit.Backend, extra ...fx.Option) *testkit.Process {
	t.Helper()
	return testkit.Start(t, be, nil, append(extra, local.Module, currencylocal.Module)...)
}

func home() shipping.Address {
	return shipping.Address{
		StreetAddress: "1600 Amphitheatre Parkway", City: "Mountain View", State: "CA",
		Country: "United States", ZipCode: "94043",
	}
}

func items() []shipping.Item {
	return []shipping.Item{{ProductID: "OLJCESPC7Z", Quantity: 2}, {ProductID: "66VCHSJNUP", Quantity: 1}}
}

func ship(t *testing.T, p *testkit.Process, req shipping.ShipRequest) shipping.ShipReply {
	t.Helper()
	rep, err := shipping.Ship.Call(context.Background(), p.Bus, req)
	if err != nil {
		t.Fatalf("Ship(%+v): %v", req, err)
	}
	return rep
}

// rows counts the stored shipments made with key.
func rows(t *testing.T, p *testkit.Process, key string) int64 {
	t.Helper()
	var n int64
	if err := p.DB.Raw("SELECT COUNT(*) FROM shipping_shipments WHERE key = ?", key).Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

func shipments(t *testing.T, p *testkit.Process, reference string) []shipping.Shipment {
	t.Helper()
	rep, err := shipping.Shipments.Call(context.Background(), p.Bus, shipping.ShipmentsRequest{Reference: reference})
	if err != nil {
		t.Fatalf("Shipments(%q): %v", reference, err)
	}
	return rep.Shipments
}

// lag is how long party (0 or 1) of a race waits in round i: in even
// rounds party 0, in odd rounds party 1, by 0 to 600µs.
func lag(i, party int) time.Duration {
	if i%2 != party {
		return 0
	}
	return time.Duration(i%4) * 200 * time.Microsecond
}

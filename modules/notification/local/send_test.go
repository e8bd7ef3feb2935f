package local_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jubako/jubako/modules/notification"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

func TestConfirmationMail(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be, nil)
		before := time.Now().Add(-time.Second)
		id := confirm(t, p, confirmation("o-1"))
		got := mails(t, p, "o-1")
		if len(got) != 1 {
			t.Fatalf("%d mails for o-1, want 1", len(got))
		}
		m := got[0]
		if m.ID != id || m.OrderID != "o-1" || m.Kind != notification.KindConfirmation || m.To != "ann@example.com" {
			t.Errorf("mail = %+v, want id %s, kind confirmation, to ann@example.com", m, id)
		}
		if m.Subject != "Your order o-1 is confirmed" {
			t.Errorf("subject %q", m.Subject)
		}
		if m.SentAt.Before(before) || m.SentAt.After(time.Now().Add(time.Second)) {
			t.Errorf("sent_at %v is not now", m.SentAt)
		}
		for _, want := range []string{
			"Sunglasses × 2    USD 19.99", "Tank Top × 1    USD 18.99",
			"Shipping: USD 8.99", "Total:    USD 67.96", "Tracking id: AB-12345-1234567",
		} {
			if !strings.Contains(m.Body, want) {
				t.Errorf("body lacks %q:\n%s", want, m.Body)
			}
		}
	})
}

func TestCancellationMail(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be, nil)
		confirm(t, p, confirmation("o-2"))
		req := notification.CancellationRequest{OrderID: "o-2", Email: "Ann <ann@example.com>", Reason: "the card was declined"}
		rep, err := notification.SendCancellation.Call(context.Background(), p.Bus, req)
		if err != nil {
			t.Fatal(err)
		}
		got := mails(t, p, "o-2")
		if len(got) != 2 || got[0].Kind != notification.KindConfirmation || got[1].Kind != notification.KindCancellation {
			t.Fatalf("mails = %+v, want the confirmation then the cancellation", got)
		}
		m := got[1]
		if m.ID != rep.MailID || m.To != "ann@example.com" || m.Subject != "Your order o-2 was cancelled" {
			t.Errorf("mail = %+v, want id %s to ann@example.com", m, rep.MailID)
		}
		if !strings.Contains(m.Body, "Reason: the card was declined") {
			t.Errorf("body lacks the reason:\n%s", m.Body)
		}
	})
}

func TestSendIsIdempotentPerOrderAndKind(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be, nil)
		first := confirm(t, p, confirmation("o-3"))
		if again := confirm(t, p, confirmation("o-3")); again != first {
			t.Errorf("second call gave mail %s, first gave %s", again, first)
		}
		cancel := notification.CancellationRequest{OrderID: "o-3", Email: "ann@example.com", Reason: "out of stock"}
		ids := map[string]bool{}
		for range 2 {
			rep, err := notification.SendCancellation.Call(context.Background(), p.Bus, cancel)
			if err != nil {
				t.Fatal(err)
			}
			ids[rep.MailID] = true
		}
		if len(ids) != 1 || ids[first] {
			t.Errorf("cancellation mail ids %v: want one, other than the confirmation's %s", ids, first)
		}
		other := confirmation("o-3")
		other.Email = "bob@example.com"
		if _, err := notification.SendConfirmation.Call(context.Background(), p.Bus, other); !errors.Is(err, shared.ErrConflict) {
			t.Errorf("same order, other recipient: %v, want Conflict", err)
		}
		if got := mails(t, p, "o-3"); len(got) != 2 {
			t.Errorf("%d mails for o-3, want 2 (one per kind)", len(got))
		}
	})
}

func TestConcurrentSendsMakeOneMail(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be, nil)
		ids := sendConcurrently(t, p, confirmation("o-4"), 10)
		for i, id := range ids {
			if id != ids[0] {
				t.Errorf("call %d got mail %s, call 0 got %s", i, id, ids[0])
			}
		}
		if got := mails(t, p, "o-4"); len(got) != 1 || got[0].ID != ids[0] {
			t.Errorf("mails = %+v, want one with id %s", got, ids[0])
		}
	})
}

// sendConcurrently makes n simultaneous confirmation calls and returns the
// mail ids they answered, failing t on any error.
func sendConcurrently(t *testing.T, p *testkit.Process, req notification.ConfirmationRequest, n int) []string {
	t.Helper()
	ids := make([]string, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			rep, err := notification.SendConfirmation.Call(context.Background(), p.Bus, req)
			ids[i], errs[i] = rep.MailID, err
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	return ids
}

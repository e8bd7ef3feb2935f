package local_test

import (
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/platform/testkit"
)

// admin is the Authorization header of an admin.
func admin(t *testing.T) []string { return []string{"Authorization", testkit.AdminBearer(t)} }

// TestOrderEventsAreSeenByTheirOwnerAndAdmins: GET /api/orders/{id}/events
// lists the stream, oldest first, to the customer who placed the order and
// to admins; anyone else gets the 404 of an order that does not exist.
func TestOrderEventsAreSeenByTheirOwnerAndAdmins(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		s := start(t, be)
		ada := customer(t, "ada")
		id := s.checkout(t, form("USD", nil), ada...).OrderID
		s.finished(t, id, ada...)

		for _, tc := range []struct {
			name   string
			order  string
			as     []string
			status int
		}{
			{"the customer", id, ada, http.StatusOK},
			{"an admin", id, admin(t), http.StatusOK},
			{"another customer", id, customer(t, "bob"), http.StatusNotFound},
			{"a visitor", id, nil, http.StatusNotFound},
			{"an admin, an unknown order", "no-such-order", admin(t), http.StatusNotFound},
		} {
			t.Run(tc.name, func(t *testing.T) {
				res := s.Do(t, http.MethodGet, "/api/orders/"+tc.order+"/events", nil, tc.as...)
				if res.Status != tc.status {
					t.Fatalf("%d %s, want %d", res.Status, res.Body, tc.status)
				}
				if tc.status == http.StatusNotFound {
					if e := res.Err(t).Error; e.Reason != "order_not_found" {
						t.Errorf("error %+v, want order_not_found", e)
					}
					return
				}
				var got orders.OrderEvents
				res.Decode(t, &got)
				if got.OrderID != id || len(got.Events) != 2 || got.Events[0].Type != "order_placed" || got.Events[1].Type != "order_completed" {
					t.Fatalf("events = %+v, want order_placed then order_completed", got)
				}
				if e := got.Events[1]; e.Version != 2 || e.Position <= got.Events[0].Position || e.OccurredAt.Before(got.Events[0].OccurredAt) {
					t.Errorf("events out of order: %+v", got.Events)
				}
				if string(got.Events[0].Data) == "" || !strings.Contains(string(got.Events[0].Data), `"user_id":"ada"`) {
					t.Errorf("the placed event's data %s lacks the customer", got.Events[0].Data)
				}
			})
		}
	})
}

// TestOrderAsOfAnswersThePast: GET /api/orders/{id}?as_of=… folds the
// events up to that time: PENDING when only placed, COMPLETED once
// completed, 404 before it was placed; a bad time is 400 on as_of.
func TestOrderAsOfAnswersThePast(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		s := start(t, be)
		ada := customer(t, "ada")
		id := s.checkout(t, form("EUR", nil), ada...).OrderID
		_, now := s.finished(t, id, ada...)
		var stream orders.OrderEvents
		s.Do(t, http.MethodGet, "/api/orders/"+id+"/events", nil, ada...).Decode(t, &stream)
		placedAt, completedAt := stream.Events[0].OccurredAt, stream.Events[1].OccurredAt
		if !placedAt.Before(completedAt) {
			t.Fatalf("placed at %s, completed at %s", placedAt, completedAt)
		}

		for _, tc := range []struct {
			name, asOf string
			as         []string
			status     int
			want       string
		}{
			{"when placed", placedAt.Format(time.RFC3339Nano), ada, http.StatusOK, orders.StatusPending},
			{"between", completedAt.Add(-time.Microsecond).Format(time.RFC3339Nano), ada, http.StatusOK, orders.StatusPending},
			{"when completed", completedAt.Format(time.RFC3339Nano), ada, http.StatusOK, orders.StatusCompleted},
			{"in another zone", completedAt.In(time.FixedZone("JST", 9*3600)).Format(time.RFC3339Nano), ada, http.StatusOK, orders.StatusCompleted},
			{"before it was placed", placedAt.Add(-time.Second).Format(time.RFC3339), ada, http.StatusNotFound, ""},
			{"another customer", completedAt.Format(time.RFC3339Nano), customer(t, "bob"), http.StatusNotFound, ""},
			{"not a time", "yesterday", ada, http.StatusBadRequest, ""},
			{"empty", "", ada, http.StatusBadRequest, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				res := s.Do(t, http.MethodGet, "/api/orders/"+id+"?as_of="+url.QueryEscape(tc.asOf), nil, tc.as...)
				if res.Status != tc.status {
					t.Fatalf("%d %s, want %d", res.Status, res.Body, tc.status)
				}
				switch tc.status {
				case http.StatusBadRequest:
					if e := res.Err(t).Error; e.Field != "as_of" {
						t.Errorf("error %+v, want one on as_of", e)
					}
				case http.StatusOK:
					var o orders.Order
					res.Decode(t, &o)
					if o.ID != id || o.Status != tc.want || o.Total != now.Total || len(o.Items) != len(now.Items) {
						t.Errorf("order = %+v, want it %s with the items and total of now", o, tc.want)
					}
				}
			})
		}

		asOf := func(at time.Time) orders.Order {
			var o orders.Order
			s.Do(t, http.MethodGet, "/api/orders/"+id+"?as_of="+url.QueryEscape(at.Format(time.RFC3339Nano)), nil, ada...).Decode(t, &o)
			return o
		}
		if steps := asOf(placedAt).Steps; len(steps) != 0 {
			t.Errorf("as of its placement the order has steps %+v, want none finished yet", steps)
		}
		if steps := asOf(time.Now()).Steps; len(steps) != 6 || !reflect.DeepEqual(steps, now.Steps) {
			t.Errorf("as of now the order has steps %+v, want the saga's six, as GET gives them: %+v", steps, now.Steps)
		}
	})
}

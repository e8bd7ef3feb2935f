package local_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jubako/jubako/modules/orders"
	"github.com/jubako/jubako/platform/testkit"
)

// TestProjectionsAdminAPI: admins list the orders' projections with their
// checkpoints and lags, and rebuild one by name; customers may not.
func TestProjectionsAdminAPI(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		s := start(t, be)
		ada := customer(t, "ada")
		id := s.checkout(t, form("USD", nil), ada...).OrderID
		s.finished(t, id, ada...)

		var list orders.Projections
		testkit.Eventually(t, 10*time.Second, func() bool {
			s.Do(t, http.MethodGet, "/api/admin/projections", nil, admin(t)...).Decode(t, &list)
			for _, p := range list.Projections {
				if p.Lag != 0 || p.Checkpoint == 0 {
					return false
				}
			}
			return len(list.Projections) == 3
		}, func() string { return "projections not caught up" })
		names := []string{}
		for _, p := range list.Projections {
			names = append(names, p.Name)
		}
		if got := strings.Join(names, " "); got != "order_view customer_orders daily_sales" {
			t.Errorf("projections %s", got)
		}

		var rebuilt orders.Projection
		res := s.Do(t, http.MethodPost, "/api/admin/projections/daily_sales/rebuild", nil, admin(t)...)
		res.Decode(t, &rebuilt)
		if res.Status != http.StatusOK || rebuilt.Name != "daily_sales" || rebuilt.Lag != 0 || rebuilt.Checkpoint != list.Projections[2].Checkpoint {
			t.Errorf("rebuild: %d %s, want daily_sales caught up at %d", res.Status, res.Body, list.Projections[2].Checkpoint)
		}

		res = s.Do(t, http.MethodPost, "/api/admin/projections/best_sellers/rebuild", nil, admin(t)...)
		if e := res.Err(t).Error; res.Status != http.StatusNotFound || e.Reason != "projection_not_found" || !strings.Contains(e.Message, "best_sellers") {
			t.Errorf("an unknown projection: %d %s, want 404 naming it", res.Status, res.Body)
		}
		for _, path := range []string{"/api/admin/projections", "/api/admin/projections/order_view/rebuild"} {
			method := http.MethodGet
			if strings.HasSuffix(path, "rebuild") {
				method = http.MethodPost
			}
			if res := s.Do(t, method, path, nil, ada...); res.Status != http.StatusForbidden {
				t.Errorf("a customer's %s %s: %d, want 403", method, path, res.Status)
			}
		}
	})
}

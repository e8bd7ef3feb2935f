package local_test

import (
	"fmt"
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

		list := caughtUp(t, s, orders.Projections{})
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
		if res.Status != http.StatusOK || rebuilt.Name != "daily_sales" || rebuilt.Checkpoint+rebuilt.Lag == 0 {
			t.Errorf("rebuild: %d %s, want daily_sales", res.Status, res.Body)
		}
		caughtUp(t, s, list)

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

// caughtUp waits until every projection has a checkpoint and no lag (on
// PostgreSQL a transaction anywhere on the server holds the tailing one
// back for a while), and the checkpoints are those of want when it lists
// any; it returns the projections.
func caughtUp(t *testing.T, s *shop, want orders.Projections) orders.Projections {
	t.Helper()
	var list orders.Projections
	testkit.Eventually(t, 20*time.Second, func() bool {
		s.Do(t, http.MethodGet, "/api/admin/projections", nil, admin(t)...).Decode(t, &list)
		for i, p := range list.Projections {
			if p.Lag != 0 || p.Checkpoint == 0 || (len(want.Projections) > i && want.Projections[i] != p) {
				return false
			}
		}
		return len(list.Projections) == 3
	}, func() string { return fmt.Sprintf("projections %+v, want them caught up", list.Projections) })
	return list
}

package saga_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"go.uber.org/fx"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/platform/host"
	"github.com/jubako/jubako/platform/saga"
	"github.com/jubako/jubako/platform/testkit"
)

// visa is a second saga type beside the trip, for the name filter.
func (tr *travel) visa(sg **saga.Saga[trip]) fx.Option {
	return host.Module("visas", fx.Invoke(func(b *bus.Bus, e *saga.Engine) {
		*sg = saga.Define(e, saga.Definition[trip]{
			Name: "visa", Module: "visas",
			Steps: []saga.Step[trip]{{Name: "apply", Do: call(postcard, b)}},
		})
	}))
}

// listIDs asks the admin API for the sagas matching query, newest first.
func (e *env) listIDs(t *testing.T, query string) string {
	t.Helper()
	var reply struct{ Sagas []saga.Info }
	res := e.p.Do(t, http.MethodGet, "/api/admin/sagas?"+query, nil, "Authorization", testkit.AdminAuthorization)
	if res.Status != http.StatusOK {
		t.Fatalf("GET /api/admin/sagas?%s: %d %s", query, res.Status, res.Body)
	}
	res.Decode(t, &reply)
	ids := make([]string, len(reply.Sagas))
	for i, s := range reply.Sagas {
		ids[i] = s.ID
	}
	return strings.Join(ids, " ")
}

func TestSagaListFilters(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		var visa *saga.Saga[trip]
		e := start(t, be, nil, func(tr *travel) fx.Option { return tr.visa(&visa) })

		// Started in this order; "old" is then dated two hours back.
		e.tr.fail("travel.Charge", 1, errNoRooms.With("card refused"))
		startTrip(t, e.p.DB, e.sg, "refused")
		e.wait(t, "refused", saga.StatusCancelled, false)
		for _, id := range []string{"old", "new"} {
			startTrip(t, e.p.DB, e.sg, id)
			e.wait(t, id, saga.StatusCompleted, false)
		}
		startTrip(t, e.p.DB, visa, "visa")
		e.wait(t, "visa", saga.StatusCompleted, false)
		twoHoursAgo := db.Now().Add(-2 * time.Hour)
		if err := e.p.DB.Exec("UPDATE jubako_sagas SET created_at = ? WHERE id = ?", twoHoursAgo, "old").Error; err != nil {
			t.Fatal(err)
		}

		for _, tc := range []struct {
			name, query, want string
		}{
			{"no filter lists every saga, newest first", "", "visa new refused old"},
			{"older_than keeps the saga created before it", "older_than=1h", "old"},
			{"older_than longer than any saga's age", "older_than=3h", ""},
			{"older_than shorter than every saga's age", "older_than=1ms", "visa new refused old"},
			{"older_than with a status the old saga has", "older_than=1h&status=COMPLETED", "old"},
			{"older_than with a status the old saga lacks", "older_than=1h&status=CANCELLED", ""},
			{"status COMPLETED", "status=COMPLETED", "visa new old"},
			{"status CANCELLED", "status=CANCELLED", "refused"},
			{"status RUNNING", "status=RUNNING", ""},
			{"name trip", "name=trip", "new refused old"},
			{"name visa", "name=visa", "visa"},
			{"name and status", "name=trip&status=COMPLETED", "new old"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				if got := e.listIDs(t, tc.query); got != tc.want {
					t.Errorf("?%s lists %q, want %q", tc.query, got, tc.want)
				}
			})
		}
	})
}

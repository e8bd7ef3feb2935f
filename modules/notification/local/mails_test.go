package local_test

import (
	"net/http"
	"testing"

	"github.com/jubako/jubako/modules/notification"
	"github.com/jubako/jubako/platform/testkit"
)

func TestMailsRouteIsAdminOnly(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		p := start(t, be, nil)
		id := confirm(t, p, confirmation("o-5"))
		path := "/api/notification/mails?order_id=o-5"
		if res := p.Do(t, http.MethodGet, path, nil); res.Status != http.StatusUnauthorized {
			t.Errorf("without a token: %d, want 401", res.Status)
		}
		if res := p.Do(t, http.MethodGet, path, nil, "Authorization", testkit.CustomerAuthorization); res.Status != http.StatusForbidden {
			t.Errorf("as a customer: %d, want 403", res.Status)
		}
		res := p.Do(t, http.MethodGet, "/api/notification/mails", nil, admin...)
		if e := res.Err(t).Error; res.Status != http.StatusBadRequest || e.Code != "invalid" || e.Field != "order_id" {
			t.Errorf("without order_id: %d %+v, want 400 field order_id", res.Status, e)
		}
		var reply notification.MailsReply
		res = p.Do(t, http.MethodGet, path, nil, admin...)
		res.Decode(t, &reply)
		if res.Status != http.StatusOK || len(reply.Mails) != 1 || reply.Mails[0].ID != id || reply.Mails[0].Subject != "Your order o-5 is confirmed" {
			t.Errorf("admin: %d %s, want 200 with mail %s", res.Status, res.Body, id)
		}
		var none notification.MailsReply
		res = p.Do(t, http.MethodGet, "/api/notification/mails?order_id=unknown", nil, admin...)
		res.Decode(t, &none)
		if res.Status != http.StatusOK || none.Mails == nil || len(none.Mails) != 0 {
			t.Errorf("unknown order: %d %s, want 200 with an empty list", res.Status, res.Body)
		}
	})
}

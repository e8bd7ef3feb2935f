package local_test

import (
	"context"
	"errors"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"testing"

	"github.com/jubako/jubako/modules/notification"
	"github.com/jubako/jubako/platform/testkit"
	"github.com/jubako/jubako/shared"
)

func TestSMTPSendsOnce(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		server := startSMTP(t)
		p := start(t, be, testkit.Settings{"notification.smtp.host": "127.0.0.1", "notification.smtp.port": server.port()})
		ids := sendConcurrently(t, p, confirmation("o-6"), 10)
		for _, again := range append(ids, confirm(t, p, confirmation("o-6"))) {
			if again != ids[0] {
				t.Errorf("calls gave mails %s and %s, want one", again, ids[0])
			}
		}
		got := server.received()
		if len(got) != 1 {
			t.Fatalf("the server received %d messages for one order, want 1", len(got))
		}
		from, to, subject, body := parse(t, got[0])
		if from != "shop@jubako.local" || to != "ann@example.com" || subject != "Your order o-6 is confirmed" {
			t.Errorf("from %q to %q subject %q", from, to, subject)
		}
		if m := mails(t, p, "o-6"); len(m) != 1 || m[0].Body != body {
			t.Errorf("the recorded mail %+v differs from the one sent:\n%s", m, body)
		}
		if !strings.Contains(body, "Sunglasses × 2    USD 19.99") {
			t.Errorf("sent body lacks the sunglasses line:\n%s", body)
		}
	})
}

func TestSMTPFailureLetsARetrySend(t *testing.T) {
	testkit.Each(t, func(t *testing.T, be testkit.Backend) {
		server := startSMTP(t)
		p := start(t, be, testkit.Settings{"notification.smtp.host": "127.0.0.1", "notification.smtp.port": server.port()})
		req := notification.CancellationRequest{OrderID: "o-7", Email: "ann@example.com", Reason: "payment failed"}
		server.reject.Store(true)
		_, err := notification.SendCancellation.Call(context.Background(), p.Bus, req)
		if !errors.Is(err, shared.ErrUnavailable) {
			t.Fatalf("send while the server refuses: %v, want Unavailable", err)
		}
		if m := mails(t, p, "o-7"); len(m) != 0 {
			t.Fatalf("a mail the server refused is recorded: %+v", m)
		}
		server.reject.Store(false)
		rep, err := notification.SendCancellation.Call(context.Background(), p.Bus, req)
		if err != nil {
			t.Fatalf("retry: %v", err)
		}
		if got := server.received(); len(got) != 1 || !strings.Contains(got[0], "payment failed") {
			t.Errorf("after the retry the server holds %d messages, want 1 with the reason: %q", len(got), got)
		}
		if m := mails(t, p, "o-7"); len(m) != 1 || m[0].ID != rep.MailID {
			t.Errorf("mails = %+v, want one with id %s", m, rep.MailID)
		}
	})
}

// parse reads a received message: its From and To addresses, decoded
// subject and decoded body.
func parse(t *testing.T, raw string) (from, to, subject, body string) {
	t.Helper()
	msg, err := mail.ReadMessage(strings.NewReader(raw))
	if err != nil {
		t.Fatalf("not a mail message: %v\n%s", err, raw)
	}
	f, err1 := mail.ParseAddress(msg.Header.Get("From"))
	r, err2 := mail.ParseAddress(msg.Header.Get("To"))
	subject, err3 := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	b, err4 := io.ReadAll(quotedprintable.NewReader(msg.Body))
	if err := errors.Join(err1, err2, err3, err4); err != nil {
		t.Fatalf("bad message: %v\n%s", err, raw)
	}
	return f.Address, r.Address, subject, strings.ReplaceAll(string(b), "\r\n", "\n")
}

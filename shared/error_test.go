package shared_test

import (
	"net/http"
	"testing"

	"github.com/jubako/jubako/shared"
)

func TestStatusesMapToCodesAndBack(t *testing.T) {
	for status, want := range map[int]shared.Code{
		http.StatusBadRequest:                  shared.CodeInvalid,
		http.StatusMethodNotAllowed:            shared.CodeInvalid,
		http.StatusRequestEntityTooLarge:       shared.CodeInvalid,
		http.StatusRequestURITooLong:           shared.CodeInvalid,
		http.StatusUnsupportedMediaType:        shared.CodeInvalid,
		http.StatusUnprocessableEntity:         shared.CodeInvalid,
		http.StatusRequestHeaderFieldsTooLarge: shared.CodeInvalid,
		http.StatusUnauthorized:                shared.CodeUnauthorized,
		http.StatusForbidden:                   shared.CodeForbidden,
		http.StatusNotFound:                    shared.CodeNotFound,
		http.StatusConflict:                    shared.CodeConflict,
		http.StatusRequestTimeout:              shared.CodeUnavailable,
		http.StatusTooManyRequests:             shared.CodeUnavailable,
		http.StatusBadGateway:                  shared.CodeUnavailable,
		http.StatusServiceUnavailable:          shared.CodeUnavailable,
		http.StatusGatewayTimeout:              shared.CodeUnavailable,
		http.StatusInternalServerError:         shared.CodeInternal,
		http.StatusNotImplemented:              shared.CodeInternal,
		http.StatusOK:                          shared.CodeInternal,
	} {
		if got := shared.CodeForStatus(status); got != want {
			t.Errorf("status %d is %s, want %s", status, got, want)
		}
	}
	for _, c := range []shared.Code{shared.CodeInvalid, shared.CodeUnauthorized, shared.CodeForbidden, shared.CodeNotFound,
		shared.CodeConflict, shared.CodeUnavailable, shared.CodeInternal} {
		if back := shared.CodeForStatus(c.HTTPStatus()); back != c {
			t.Errorf("%s → %d → %s", c, c.HTTPStatus(), back)
		}
	}
}

func TestExplainedLeadsWithTheReasonUnlessTheMessageSaysIt(t *testing.T) {
	declined := shared.NewReason(shared.CodeConflict, "card_declined", "card declined")
	for _, tc := range []struct {
		err  *shared.Error
		want string
	}{
		{declined, "card declined"},
		{declined.With("the bank said no"), "card declined: the bank said no"},
		{declined.With("card declined by the bank"), "card declined by the bank"},
		{shared.Errorf(shared.CodeUnavailable, "payment is down"), "payment is down"},
	} {
		if got := tc.err.Explained(); got != tc.want {
			t.Errorf("%v explained as %q, want %q", tc.err, got, tc.want)
		}
	}
}

package grpcserver_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/jubako/jubako/platform/grpcserver"
	"github.com/jubako/jubako/shared"
)

// TestErrorsMapToStatusesAndBack: each code has its gRPC status, and the
// error comes back whole (code, reason, field, message) so errors.Is holds
// on the client as on the server.
func TestErrorsMapToStatusesAndBack(t *testing.T) {
	declined := shared.NewReason(shared.CodeConflict, "card_declined", "card declined")
	for _, tc := range []struct {
		err     *shared.Error
		code    codes.Code
		message string
	}{
		{shared.Invalid("address.zip_code", "is required"), codes.InvalidArgument, "address.zip_code: is required"},
		{shared.NewReason(shared.CodeNotFound, "product_not_found", "product not found"), codes.NotFound, "product not found"},
		{declined.With("card ending 0002 declined"), codes.FailedPrecondition, "card ending 0002 declined"},
		{shared.Errorf(shared.CodeUnauthorized, "log in"), codes.Unauthenticated, "log in"},
		{shared.Errorf(shared.CodeForbidden, "admins only"), codes.PermissionDenied, "admins only"},
		{shared.Errorf(shared.CodeUnavailable, "payment is unreachable"), codes.Unavailable, "payment is unreachable"},
	} {
		t.Run(string(tc.err.Code), func(t *testing.T) {
			s := grpcserver.Status(context.Background(), fmt.Errorf("wrapped: %w", tc.err))
			if s.Code() != tc.code || s.Message() != tc.message {
				t.Errorf("status %s %q, want %s %q", s.Code(), s.Message(), tc.code, tc.message)
			}
			back := grpcserver.ErrorOf(s.Err())
			if back.Code != tc.err.Code || back.Reason != tc.err.Reason || back.Field != tc.err.Field || back.Message != tc.err.Message {
				t.Errorf("back %+v, want %+v", back, tc.err)
			}
			if errors.Is(back, declined) != (tc.err.Reason == declined.Reason) {
				t.Errorf("errors.Is(%v, declined) is wrong", back)
			}
		})
	}
}

// TestStatusesOfInternalErrorsAndEndedCalls: an internal error's text is
// not shown; a call whose context ended is said to have.
func TestStatusesOfInternalErrorsAndEndedCalls(t *testing.T) {
	expired, cancel := context.WithTimeout(context.Background(), 0)
	defer cancel()
	stopped, stop := context.WithCancel(context.Background())
	stop()
	for _, tc := range []struct {
		name    string
		ctx     context.Context
		err     error
		code    codes.Code
		message string
	}{
		{"a foreign error", context.Background(), errors.New("pq: connection refused to 10.0.0.7"), codes.Internal, "internal error"},
		{"past the deadline", expired, context.DeadlineExceeded, codes.DeadlineExceeded, context.DeadlineExceeded.Error()},
		{"cancelled by the caller", stopped, context.Canceled, codes.Canceled, context.Canceled.Error()},
		{"a status already", context.Background(), status.Error(codes.Aborted, "try again"), codes.Aborted, "try again"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if s := grpcserver.Status(tc.ctx, tc.err); s.Code() != tc.code || s.Message() != tc.message {
				t.Errorf("status %s %q, want %s %q", s.Code(), s.Message(), tc.code, tc.message)
			}
		})
	}
}

// TestForeignStatusesHaveSharedCodes: a status without jubako's detail
// (from another server) gets the shared code of its gRPC code.
func TestForeignStatusesHaveSharedCodes(t *testing.T) {
	for code, want := range map[codes.Code]shared.Code{
		codes.NotFound: shared.CodeNotFound, codes.Unimplemented: shared.CodeNotFound,
		codes.InvalidArgument: shared.CodeInvalid, codes.OutOfRange: shared.CodeInvalid,
		codes.FailedPrecondition: shared.CodeConflict, codes.Aborted: shared.CodeConflict, codes.AlreadyExists: shared.CodeConflict,
		codes.Unauthenticated: shared.CodeUnauthorized, codes.PermissionDenied: shared.CodeForbidden,
		codes.Unavailable: shared.CodeUnavailable, codes.DeadlineExceeded: shared.CodeUnavailable,
		codes.Canceled: shared.CodeUnavailable, codes.ResourceExhausted: shared.CodeUnavailable,
		codes.Internal: shared.CodeInternal, codes.Unknown: shared.CodeInternal, codes.DataLoss: shared.CodeInternal,
	} {
		if got := grpcserver.ErrorOf(status.Error(code, "x")); got.Code != want || got.Message != "x" {
			t.Errorf("%s → %+v, want %s", code, got, want)
		}
	}
	if grpcserver.ErrorOf(nil) != nil {
		t.Error("nil must stay nil")
	}
}

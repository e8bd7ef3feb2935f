package grpcserver

import (
	"context"
	"errors"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/jubako/jubako/shared"
)

// errorDomain names jubako as the source of an ErrorInfo detail.
const errorDomain = "jubako"

// toCode is the gRPC code each shared code answers with.
var toCode = map[shared.Code]codes.Code{
	shared.CodeNotFound:     codes.NotFound,
	shared.CodeInvalid:      codes.InvalidArgument,
	shared.CodeConflict:     codes.FailedPrecondition,
	shared.CodeUnauthorized: codes.Unauthenticated,
	shared.CodeForbidden:    codes.PermissionDenied,
	shared.CodeUnavailable:  codes.Unavailable,
	shared.CodeInternal:     codes.Internal,
}

// fromCode is the shared code of each gRPC code; codes missing here are
// internal.
var fromCode = map[codes.Code]shared.Code{
	codes.NotFound: shared.CodeNotFound, codes.Unimplemented: shared.CodeNotFound,
	codes.InvalidArgument: shared.CodeInvalid, codes.OutOfRange: shared.CodeInvalid,
	codes.FailedPrecondition: shared.CodeConflict, codes.Aborted: shared.CodeConflict, codes.AlreadyExists: shared.CodeConflict,
	codes.Unauthenticated: shared.CodeUnauthorized, codes.PermissionDenied: shared.CodeForbidden,
	codes.Unavailable: shared.CodeUnavailable, codes.DeadlineExceeded: shared.CodeUnavailable,
	codes.Canceled: shared.CodeUnavailable, codes.ResourceExhausted: shared.CodeUnavailable,
}

// Status is the gRPC status a client gets for err: an error that is a
// status already stays one; a shared.Error gets its code's status, its
// message (the field first, for Invalid) and an ErrorInfo detail with its
// code, reason and field, from which ErrorOf rebuilds it. An unavailable
// error raised because ctx ended is DEADLINE_EXCEEDED or CANCELLED; the
// message of an internal error is not shown.
func Status(ctx context.Context, err error) *status.Status {
	if err == nil {
		return status.New(codes.OK, "")
	}
	if s, ok := status.FromError(err); ok && !errors.As(err, new(*shared.Error)) {
		return s
	}
	e := shared.AsError(err)
	code := toCode[e.Code]
	switch {
	case e.Code == shared.CodeUnavailable && errors.Is(ctx.Err(), context.DeadlineExceeded):
		code = codes.DeadlineExceeded
	case e.Code == shared.CodeUnavailable && errors.Is(ctx.Err(), context.Canceled):
		code = codes.Canceled
	case e.Code == shared.CodeInternal:
		e = &shared.Error{Code: shared.CodeInternal, Message: "internal error"}
	}
	msg := e.Message
	if e.Field != "" {
		msg = e.Field + ": " + msg
	}
	s := status.New(code, msg)
	info := &errdetails.ErrorInfo{Domain: errorDomain, Reason: e.Reason, Metadata: map[string]string{"code": string(e.Code)}}
	if e.Field != "" {
		info.Metadata["field"] = e.Field
	}
	if detailed, derr := s.WithDetails(info); derr == nil {
		return detailed
	}
	return s
}

// ErrorOf turns a gRPC error back into a *shared.Error: exactly the one
// Status encoded when the status carries jubako's ErrorInfo, otherwise the
// shared code of its gRPC code with its message. errors.Is then behaves as
// for a local call. nil stays nil.
func ErrorOf(err error) *shared.Error {
	if err == nil {
		return nil
	}
	s, ok := status.FromError(err)
	if !ok {
		return shared.AsError(err)
	}
	code, known := fromCode[s.Code()]
	if !known {
		code = shared.CodeInternal
	}
	e := &shared.Error{Code: code, Message: s.Message()}
	for _, d := range s.Details() {
		if info, ok := d.(*errdetails.ErrorInfo); ok && info.GetDomain() == errorDomain {
			if c := shared.Code(info.GetMetadata()["code"]); toCode[c] != codes.OK {
				e.Code = c
			}
			e.Reason, e.Field = info.GetReason(), info.GetMetadata()["field"]
			if e.Field != "" {
				e.Message = trimField(e.Message, e.Field)
			}
		}
	}
	return e
}

// trimField takes off the field Status put before an Invalid message.
func trimField(msg, field string) string {
	if len(msg) > len(field)+2 && msg[:len(field)+2] == field+": " {
		return msg[len(field)+2:]
	}
	return msg
}

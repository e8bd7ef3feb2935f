package host

import (
	"net/http"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/outbox"
	"github.com/jubako/jubako/platform/saga"
	"github.com/jubako/jubako/platform/telemetry"
	"github.com/jubako/jubako/shared"
)

// The answers of the admin API that are not a platform type of their own.
type (
	deadLetters struct {
		DeadLetters []outbox.DeadLetter `json:"dead_letters"`
	}
	resubmitted struct {
		Resubmitted string `json:"resubmitted"`
	}
	discarded struct {
		Discarded string `json:"discarded"`
	}
	sagaList struct {
		Sagas []saga.Info `json:"sagas"`
	}
	traceList struct {
		Traces []telemetry.Summary `json:"traces"`
	}
	traceReply struct {
		Summary telemetry.Summary `json:"summary"`
		Spans   []telemetry.Span  `json:"spans"`
	}
)

// Parameters of the admin API, for its description.
type (
	deadLetterPath struct {
		Queue string `path:"queue" description:"the subscriber's queue"`
		ID    string `path:"id" description:"the task id"`
	}
	limitQuery struct {
		Limit int `query:"limit" minimum:"1" maximum:"1000" default:"100" description:"per queue"`
	}
	sagaFilter struct {
		Name      string `query:"name" description:"saga type"`
		Status    string `query:"status" description:"RUNNING, COMPENSATING, COMPLETED, CANCELLED…"`
		Stuck     bool   `query:"stuck" description:"only sagas that cannot move"`
		OlderThan string `query:"older_than" description:"created longer ago than this duration (30s, 5m, 2h)"`
		Limit     int    `query:"limit" minimum:"1" maximum:"500"`
	}
	sagaPath struct {
		ID string `path:"id" description:"the saga's id"`
	}
	compensateQuery struct {
		ID     string `path:"id" description:"the saga's id"`
		Reason string `query:"reason" description:"recorded as the saga's reason"`
	}
	traceFilter struct {
		Route  string `query:"route" description:"part of the root span's name"`
		Status string `query:"status" description:"the root's HTTP status (404) or class (5xx)"`
		Failed bool   `query:"failed" description:"only failed traces"`
		Min    string `query:"min" description:"at least this long (100ms, 2s)"`
		Limit  int    `query:"limit" minimum:"1" maximum:"1000" default:"100"`
	}
	tracePath struct {
		ID    string `path:"id" description:"the trace id"`
		Local bool   `query:"local" description:"this process's spans only"`
	}
)

// adminRoutes describes the admin API of mountAdmin and mountTraces.
var adminRoutes = forAdmins(
	bus.Route{Method: http.MethodGet, Path: "/api/admin/deadletters", Summary: "Dead letters of every queue, with their error",
		Params: limitQuery{}, Reply: deadLetters{}},
	bus.Route{Method: http.MethodPost, Path: "/api/admin/deadletters/{queue}/{id}/resubmit", Summary: "Send a dead letter again, with fresh retries",
		Params: deadLetterPath{}, Reply: resubmitted{}, Errors: []*shared.Error{shared.ErrNotFound}},
	bus.Route{Method: http.MethodDelete, Path: "/api/admin/deadletters/{queue}/{id}", Summary: "Discard a dead letter",
		Params: deadLetterPath{}, Reply: discarded{}, Errors: []*shared.Error{shared.ErrNotFound}},
	bus.Route{Method: http.MethodGet, Path: "/api/admin/sagas", Summary: "Sagas, newest first", Params: sagaFilter{}, Reply: sagaList{}},
	bus.Route{Method: http.MethodGet, Path: "/api/admin/sagas/{id}", Summary: "A saga with its step timeline",
		Params: sagaPath{}, Reply: saga.Info{}, Errors: []*shared.Error{shared.ErrNotFound}},
	bus.Route{Method: http.MethodPost, Path: "/api/admin/sagas/{id}/retry", Summary: "Run the current step again",
		Params: sagaPath{}, Reply: saga.Info{}, Errors: []*shared.Error{shared.ErrNotFound, shared.ErrConflict}},
	bus.Route{Method: http.MethodPost, Path: "/api/admin/sagas/{id}/compensate", Summary: "Abandon a saga before its pivot",
		Params: compensateQuery{}, Reply: saga.Info{}, Errors: []*shared.Error{shared.ErrNotFound, shared.ErrConflict}},
	bus.Route{Method: http.MethodGet, Path: "/api/admin/traces", Summary: "Recent traces kept in memory", Params: traceFilter{}, Reply: traceList{}},
	bus.Route{Method: http.MethodGet, Path: "/api/admin/traces/{id}", Summary: "A trace's spans, gathered from every process",
		Params: tracePath{}, Reply: traceReply{}, Errors: []*shared.Error{shared.ErrNotFound}},
)

// forAdmins returns routes open to admins only.
func forAdmins(routes ...bus.Route) []bus.Route {
	for i := range routes {
		routes[i].Access = bus.Admins
	}
	return routes
}

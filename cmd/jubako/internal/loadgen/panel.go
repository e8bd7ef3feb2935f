package loadgen

import (
	"html/template"
	"sync/atomic"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/jubako/jubako/platform/console"
)

// Current holds the run of this process, for its console; empty until a
// run starts.
type Current struct{ atomic.Pointer[Run] }

// Panel is the console's "Load run" page: the run of this process (its
// numbers, a chart of its requests per second and of its tasks' p95 per
// second, each task's percentiles), live while it runs.
func Panel(cur *Current) console.Panel {
	return console.Panel{Module: "loadgen", Title: "Load run", Path: "loadgen", Handler: func(c *fiber.Ctx) error {
		c.Type("html", "utf-8")
		r := cur.Load()
		if r == nil {
			return panelTemplate.Execute(c, nil)
		}
		return panelTemplate.Execute(c, newPanelView(r))
	}}
}

// panelView is a run as the panel shows it.
type panelView struct {
	Options  Options
	Snapshot Snapshot
	Running  bool
	Charts   []chart
}

func newPanelView(r *Run) panelView {
	s := r.Snapshot()
	o := r.Options()
	return panelView{Options: o, Snapshot: s, Running: !r.Finished(), Charts: []chart{
		newChart("chart-requests", "Requests per second", "req/s", s.Series, o.Duration, func(x Sample) float64 { return float64(x.Requests) }),
		newChart("chart-p95", "p95 of the tasks ended each second", "ms", s.Series, o.Duration,
			func(x Sample) float64 { return float64(x.P95) / float64(time.Millisecond) }),
	}}
}

// panelTemplate uses the console's stylesheet classes.
var panelTemplate = template.Must(template.New("loadgen").Funcs(template.FuncMap{"ms": msText}).Parse(`
{{if not .}}<p class="empty" id="loadgen-none">No load run in this process. <code>jubako loadgen</code> without <code>--url</code> serves the shop in its own process and loads it; this page then charts the run live.</p>
{{else}}{{$s := .Snapshot}}
<div id="loadgen-live"{{if .Running}} hx-get="/admin/panels/loadgen" hx-select="#loadgen-live" hx-target="this" hx-swap="outerHTML" hx-trigger="every 2s"{{end}}>
<dl class="facts">
  <dt>Run</dt><dd><span class="badge {{if .Running}}running{{else}}completed{{end}}" id="loadgen-state">{{if .Running}}running{{else}}finished{{end}}</span> {{$s.Elapsed.Truncate 1000000000}} of {{.Options.Duration}} against <span class="mono">{{.Options.URL}}</span></dd>
  <dt>Users</dt><dd>{{$s.Users}} of {{.Options.Users}}, {{if gt .Options.Rate 0.0}}paced at {{.Options.Rate}} tasks/s{{else}}thinking {{.Options.Think}}{{end}}</dd>
  <dt>Requests</dt><dd id="loadgen-requests">{{$s.Requests}} ({{printf "%.1f" $s.RequestsPerSecond}}/s)</dd>
  <dt>Failed tasks</dt><dd{{if $s.Errors}} class="bad"{{end}}>{{$s.Errors}}{{if $s.RateLimited}} — {{$s.RateLimited}} answers 429 (rate limited){{end}}</dd>
</dl>
{{range .Charts}}{{$c := .}}<h2>{{.Title}}</h2>
<svg class="map" id="{{.ID}}" viewBox="0 0 {{.Width}} {{.Height}}" role="img" aria-label="{{.Title}}">
  <line x1="{{.Left}}" y1="0" x2="{{.Left}}" y2="{{.Base}}" stroke="#94a3b8"/>
  <line x1="{{.Left}}" y1="{{.Base}}" x2="{{.Width}}" y2="{{.Base}}" stroke="#94a3b8"/>
  <text x="{{.Left}}" y="12" dx="-6" text-anchor="end" font-size="11">{{.Top}} {{.Unit}}</text>
  <text x="{{.Left}}" y="{{.Base}}" dx="-6" text-anchor="end" font-size="11">0</text>
  <text x="{{.Width}}" y="{{.Height}}" dy="-4" text-anchor="end" font-size="11">{{.End}}</text>
  {{range .Failed}}<line x1="{{.}}" y1="0" x2="{{.}}" y2="{{$c.Base}}" stroke="#dc2626" stroke-opacity=".5"/>{{end}}
  <polyline points="{{.Line}}" fill="none" stroke="#4338ca" stroke-width="2"/>
</svg>{{end}}
<h2>Tasks</h2>
<table class="grid" id="loadgen-tasks"><thead><tr><th>Task</th><th class="n">Done</th><th class="n">Failed</th><th class="n">p50</th><th class="n">p95</th><th class="n">p99</th><th class="n">Max</th></tr></thead><tbody>
{{range $s.Tasks}}<tr><td>{{.Name}}</td><td class="n">{{.Count}}</td><td class="n">{{.Errors}}</td><td class="n">{{ms .P50}}</td><td class="n">{{ms .P95}}</td><td class="n">{{ms .P99}}</td><td class="n">{{ms .Max}}</td></tr>{{end}}
</tbody></table>
{{with $s.Examples}}<h2>Errors</h2><ul>{{range .}}<li class="mono">{{.}}</li>{{end}}</ul>{{end}}
</div>{{end}}
`))

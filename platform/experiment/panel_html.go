package experiment

const panelHTML = `
{{with .Error}}<p class="flash bad" id="experiment-error">{{.}}</p>{{end}}
<h2>Saved definitions</h2>
{{if .Definitions}}<table class="grid" id="experiment-definitions"><thead><tr><th>Name</th><th>Faults</th><th>Hypothesis</th><th>Duration</th><th>Split</th><th></th></tr></thead><tbody>
{{range .Definitions}}<tr><td>{{.Name}}</td>
<td>{{range .Faults}}<div class="mono">{{.Kind}} {{.Target}}{{if .Latency}} +{{.Latency.D}}{{end}}{{if .Code}} {{.Code}}{{end}}</div>{{end}}</td>
<td>{{range .Hypothesis}}<div>{{.Metric}}{{with .Route}} <span class="mono">{{.}}</span>{{end}} ±{{.MaxDelta}}</div>{{end}}</td>
<td>{{.Duration.D}}</td><td>{{if .Split}}{{.Split}}{{else}}0.5{{end}}</td>
<td class="actions"><button hx-post="/admin/panels/experiments/start?name={{.Name}}" data-start="{{.Name}}">Start</button></td></tr>{{end}}
</tbody></table>
{{else}}<p class="empty" id="experiment-definitions">No saved definition. Save one with <code>PUT /api/admin/experiments/definitions/{name}</code> or <code>jubako experiment save FILE</code>.</p>{{end}}
<div id="experiment-live"{{with .Run}}{{if eq .Status "running"}} hx-get="/admin/panels/experiments?id={{.ID}}" hx-select="#experiment-live" hx-target="this" hx-swap="outerHTML" hx-trigger="every 1s"{{end}}{{end}}>
<h2>Runs</h2>
{{if .Runs}}<table class="grid" id="experiment-runs"><thead><tr><th>Name</th><th>Status</th><th>Verdict</th><th>Started</th><th>Id</th></tr></thead><tbody>
{{range .Runs}}<tr><td><a href="/admin/panels/experiments?id={{.ID}}">{{.Name}}</a></td><td><span class="badge {{badge .Status}}">{{.Status}}</span></td>
<td>{{if eq .Status "running"}}—{{else}}<span class="badge {{badge .Verdict}}">{{.Verdict}}</span>{{end}}</td><td>{{when .Started}}</td><td class="mono">{{.ID}}</td></tr>{{end}}
</tbody></table>
{{else}}<p class="empty">No run yet.</p>{{end}}
{{with .Run}}
<div id="experiment-report">
<h2>Run {{.Name}}</h2>
<dl class="facts">
  <dt>Status</dt><dd><span class="badge {{badge .Status}}" id="experiment-status">{{.Status}}</span>{{with .Phase}} {{.}}{{end}}
  {{if eq .Status "running"}}<button class="danger" hx-post="/admin/panels/experiments/stop?id={{.ID}}" id="experiment-stop">Stop</button>{{end}}</dd>
  <dt>Verdict</dt><dd>{{if eq .Status "running"}}so far: {{end}}<span class="badge {{badge .Verdict}}" id="experiment-verdict">{{.Verdict}}</span>{{with .Reason}} <span class="bad">{{.}}</span>{{end}}</dd>
  <dt>Window</dt><dd>{{when .Started}} → {{when .Ends}} ({{.Definition.Duration.D}}, experiment cohort {{pct .Definition.Split}})</dd>
  <dt>Faults</dt><dd>{{range .Definition.Faults}}<span class="mono">{{.Kind}} {{.Target}}{{if .Latency}} +{{.Latency.D}}{{end}}{{if .Code}} {{.Code}}{{end}} {{.Percent}} %</span> {{end}}</dd>
  <dt>Requests</dt><dd>control {{.Control.Requests}} · experiment {{.Experiment.Requests}}; sagas ended: control {{.Control.SagasEnded}} · experiment {{.Experiment.SagasEnded}}</dd>
</dl>
{{range $i, $c := .Charts}}<h3>{{$c.Label}} <span class="badge {{badge $c.Result.Verdict}}" data-line="{{$i}}">{{$c.Result.Verdict}}</span> <small>deviation {{deviation $c.Result}}</small></h3>
<svg width="640" height="64" viewBox="0 0 640 64" role="img" aria-label="{{$c.Label}}: control {{$c.Control.Text}}, experiment {{$c.Experiment.Text}}">
  <text x="0" y="20" font-size="12">control</text>
  <rect x="90" y="6" width="{{$c.Control.Width}}" height="20" fill="#64748b"/>
  <text x="{{$c.Control.Width}}" dx="96" y="20" font-size="12">{{$c.Control.Text}}</text>
  <text x="0" y="52" font-size="12">experiment</text>
  <rect x="90" y="38" width="{{$c.Experiment.Width}}" height="20" fill="{{if eq $c.Result.Verdict "deviated"}}#dc2626{{else}}#4338ca{{end}}"/>
  <text x="{{$c.Experiment.Width}}" dx="96" y="52" font-size="12">{{$c.Experiment.Text}}</text>
</svg>{{end}}
</div>{{end}}
</div>
`

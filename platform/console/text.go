package console

import (
	"fmt"
	"html/template"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// funcs are the helpers templates use.
var funcs = template.FuncMap{
	"ago":     ago,
	"dur":     humanDuration,
	"clock":   func(t time.Time) string { return t.UTC().Format("15:04:05.000") },
	"stamp":   func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05Z") },
	"rate":    func(r float64) string { return fmt.Sprintf("%.2f/s", r) },
	"pct":     func(r float64) string { return fmt.Sprintf("%.1f%%", r*100) },
	"num":     func(f float64) string { return fmt.Sprintf("%.0f", f) },
	"scrub":   scrub,
	"cut":     cut,
	"tail":    tail,
	"lower":   strings.ToLower,
	"path":    url.PathEscape,
	"between": func(from, to time.Time) time.Duration { return to.Sub(from) },
}

// ago is how long before now t was, to the second.
func ago(t time.Time) string {
	d := time.Since(t)
	switch {
	case t.IsZero():
		return "—"
	case d < time.Second:
		return "just now"
	case d < time.Minute:
		return fmt.Sprintf("%ds ago", int(d.Seconds()))
	}
	return humanDuration(d) + " ago"
}

// humanDuration prints d with a precision that suits its size.
func humanDuration(d time.Duration) string {
	switch {
	case d < time.Millisecond:
		return fmt.Sprintf("%dµs", d.Microseconds())
	case d < time.Second:
		return fmt.Sprintf("%.1fms", float64(d.Microseconds())/1000)
	case d < time.Minute:
		return fmt.Sprintf("%.2fs", d.Seconds())
	case d < time.Hour:
		return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
	}
	return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
}

// cut shortens s to n runes.
func cut(n int, s string) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// tail keeps the last n runes of s: the part of a time-ordered id
// (UUIDv7) that tells ids of the same moment apart.
func tail(n int, s string) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return "…" + string(r[len(r)-n:])
}

var (
	urlCredentials = regexp.MustCompile(`([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\s]*):[^@\s/]*@`)
	kvPassword     = regexp.MustCompile(`(?i)\b(password|passwd|pwd|secret|token|sslpassword)=('[^']*'|[^\s&;]+)`)
	digitRun       = regexp.MustCompile(`\b(?:\d[ -]?){12,18}\d\b`)
)

// scrub removes what must never be shown from free text (errors, payloads,
// configuration values): passwords in URLs and key=value DSNs, and card
// numbers (runs of 13 to 19 digits that pass the Luhn check).
func scrub(s string) string {
	s = urlCredentials.ReplaceAllString(s, "$1:••••••@")
	s = kvPassword.ReplaceAllString(s, "$1=••••••")
	return digitRun.ReplaceAllStringFunc(s, func(run string) string {
		digits := strings.NewReplacer(" ", "", "-", "").Replace(run)
		if !luhn(digits) {
			return run
		}
		return "[card ••••" + digits[len(digits)-4:] + "]"
	})
}

func luhn(digits string) bool {
	sum := 0
	for i := range len(digits) {
		d := int(digits[len(digits)-1-i] - '0')
		if i%2 == 1 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return sum%10 == 0
}

// Package templates renders the order mails from the text/template files
// embedded beside it. Each file defines a "subject" and a "body"; money
// is shown with FormatMoney.
package templates

import (
	"embed"
	"strings"
	"text/template"

	"github.com/jubako/jubako/modules/notification"
)

//go:embed *.tmpl
var files embed.FS

var (
	confirmation = parse("confirmation.tmpl")
	cancellation = parse("cancellation.tmpl")
)

func parse(name string) *template.Template {
	return template.Must(template.New(name).Funcs(template.FuncMap{"money": FormatMoney}).ParseFS(files, name))
}

// Rendered is a mail's subject and plain-text body.
type Rendered struct {
	Subject string
	Body    string
}

// Confirmation renders the mail confirming an order.
func Confirmation(req notification.ConfirmationRequest) (Rendered, error) {
	return render(confirmation, req)
}

// Cancellation renders the mail telling an order was cancelled.
func Cancellation(req notification.CancellationRequest) (Rendered, error) {
	return render(cancellation, req)
}

func render(t *template.Template, data any) (Rendered, error) {
	var subject, body strings.Builder
	if err := t.ExecuteTemplate(&subject, "subject", data); err != nil {
		return Rendered{}, err
	}
	if err := t.ExecuteTemplate(&body, "body", data); err != nil {
		return Rendered{}, err
	}
	return Rendered{Subject: strings.TrimSpace(subject.String()), Body: body.String()}, nil
}

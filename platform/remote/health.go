package remote

import (
	"context"
	"fmt"

	"github.com/valyala/fasthttp"
)

// Check asks a remote module's process whether it is alive (GET /healthz).
func Check(ctx context.Context, client *fasthttp.Client, base string) error {
	req, res := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(res)
	req.SetRequestURI(base + "/healthz")
	deadline, ok := ctx.Deadline()
	if !ok {
		return fmt.Errorf("a deadline is required")
	}
	if err := client.DoDeadline(req, res, deadline); err != nil {
		return err
	}
	if res.StatusCode() != fasthttp.StatusOK {
		return fmt.Errorf("healthz answered %d", res.StatusCode())
	}
	return nil
}

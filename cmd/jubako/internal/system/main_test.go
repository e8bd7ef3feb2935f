package system

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"testing"

	"github.com/spf13/pflag"

	"github.com/jubako/jubako/cmd/jubako/internal/linked"
	"github.com/jubako/jubako/platform/host"
)

// envShopChild makes the test binary serve the shop like cmd/jubako, so
// that crash tests can kill it.
const envShopChild = "JUBAKO_SHOP_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(envShopChild) != "" {
		os.Exit(serveShop())
	}
	os.Exit(m.Run())
}

// serveShop is `jubako serve` configured from the environment.
func serveShop() int {
	src, cfg, err := host.Load(pflag.NewFlagSet("child", pflag.ContinueOnError))
	if err == nil {
		ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
		defer stop()
		err = host.Serve(ctx, src, cfg, host.Params{Remote: linked.Remotes()}, linked.Modules()...)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "shop child:", err)
		return 1
	}
	return 0
}

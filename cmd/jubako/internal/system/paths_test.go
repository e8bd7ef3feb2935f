package system

import (
	"slices"
	"testing"

	"github.com/jubako/jubako/cmd/jubako/internal/linked"
	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/testkit"
)

// TestEveryPublicPathIsForwardable checks that each path prefix a module
// mounts is one its contract declares (bus.PathsOf): the gateway of a
// split build forwards exactly those to the module's process.
func TestEveryPublicPathIsForwardable(t *testing.T) {
	p := testkit.Start(t, testkit.SQLite(t), shopSettings, linked.Modules()...)
	owners := p.Gateway.Owners()
	if len(owners) < 10 {
		t.Fatalf("only %d public prefixes registered", len(owners))
	}
	for prefix, module := range owners {
		if !slices.Contains(bus.PathsOf(module), prefix) {
			t.Errorf("%s mounts %s, which its contract does not declare: add bus.PublicPaths(%q, %q)", module, prefix, module, prefix)
		}
	}
}

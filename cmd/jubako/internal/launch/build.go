package launch

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/jubako/jubako/cmd/jubako/internal/topology"
)

// mainPackage is the binary every service is a build of.
const mainPackage = "github.com/jubako/jubako/cmd/jubako"

// build compiles each service's binary into dir with its build tags, from
// the checkout around the working directory, and returns their paths.
func build(ctx context.Context, c *console, p *topology.Plan, dir string) (map[string]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, s := range p.Services {
		bin, err := filepath.Abs(filepath.Join(dir, "jubako-"+p.Name+"-"+s.Name))
		if err != nil {
			return nil, err
		}
		c.write(fmt.Appendf(nil, "building %s: go build -tags %q -o %s\n", s.Name, s.Tags, bin))
		cmd := exec.CommandContext(ctx, "go", "build", "-tags", s.Tags, "-o", bin, mainPackage)
		if msg, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("build %s (topology up builds from a checkout of jubako): %w\n%s", s.Name, err, msg)
		}
		out[s.Name] = bin
	}
	return out, nil
}

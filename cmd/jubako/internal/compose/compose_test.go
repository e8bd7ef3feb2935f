package compose

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"

	"github.com/jubako/jubako/cmd/jubako/internal/linked"
	"github.com/jubako/jubako/cmd/jubako/internal/topology"
	"github.com/jubako/jubako/platform/testkit"
)

// secrets are the variables the rendered files require.
var secrets = types.Mapping{
	EnvServiceToken: "compose-test-service-token",
	EnvSigningKey:   "compose-test-signing-key-of-32-characters",
	EnvPostgresPass: "compose-test-password",
}

// load renders p and parses the result as docker compose would, schema
// checked, with env as the environment.
func load(t *testing.T, p *topology.Plan, env types.Mapping) (*types.Project, error) {
	t.Helper()
	var b bytes.Buffer
	if err := Render(&b, p); err != nil {
		t.Fatal(err)
	}
	details := types.ConfigDetails{WorkingDir: t.TempDir(), Environment: env.Clone(),
		ConfigFiles: []types.ConfigFile{{Filename: "compose.yaml", Content: b.Bytes()}}}
	return loader.LoadWithContext(context.Background(), details, func(o *loader.Options) { o.SetProjectName(p.Name, true) })
}

// TestRenderedFilesParse: every example renders to a compose file that
// compose-go loads, with a service per topology service built with its
// tags, each module's URL naming the service that runs it, and the
// secrets interpolated.
func TestRenderedFilesParse(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(testkit.RepoRoot(t), "deploy", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			p, err := topology.Load(file, linked.Names())
			if err != nil {
				t.Fatal(err)
			}
			project, err := load(t, p, secrets)
			if err != nil {
				t.Fatalf("compose-go: %v", err)
			}
			for _, s := range p.Services {
				svc, err := project.GetService(s.Name)
				if err != nil {
					t.Fatal(err)
				}
				if svc.Build == nil || *svc.Build.Args["TAGS"] != s.Tags || svc.Image != p.ImageOf(s) {
					t.Errorf("%s: image %s built with %+v, want %s with TAGS=%q", s.Name, svc.Image, svc.Build, p.ImageOf(s), s.Tags)
				}
				if got := *svc.Environment[topology.EnvServiceToken]; got != secrets[EnvServiceToken] {
					t.Errorf("%s: service token %q", s.Name, got)
				}
				if dsn := *svc.Environment[topology.EnvDSN]; !strings.Contains(dsn, ":"+secrets[EnvPostgresPass]+"@") || !strings.HasSuffix(dsn, "/"+p.Database(s)+"?sslmode=disable") {
					t.Errorf("%s: DSN %s", s.Name, dsn)
				}
				for _, m := range p.Remote(s) {
					want := fmt.Sprintf("http://%s:%d", p.Owner(m).Name, port)
					if got := svc.Environment["JUBAKO_MODULES_"+strings.ToUpper(m)+"_URL"]; got == nil || *got != want {
						t.Errorf("%s: module %s at %v, want %s", s.Name, m, got, want)
					}
				}
			}
		})
	}
}

// TestMissingSecretsStopCompose: without the variables, compose refuses
// the file and names the one missing.
func TestMissingSecretsStopCompose(t *testing.T) {
	p, err := topology.Load(filepath.Join(testkit.RepoRoot(t), "deploy", "payment-shipping.yaml"), linked.Names())
	if err != nil {
		t.Fatal(err)
	}
	for missing := range secrets {
		env := types.Mapping{}
		for k, v := range secrets {
			if k != missing {
				env[k] = v
			}
		}
		if _, err := load(t, p, env); err == nil || !strings.Contains(err.Error(), missing) {
			t.Errorf("without %s: %v", missing, err)
		}
	}
}

package config_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/jubako/jubako/platform/config"
)

// policySection holds lists of items whose names (endpoint names) have dots
// and so cannot be keys.
type policySection struct {
	Edges []edgeItem `config:"edges"`
}

type edgeItem struct {
	Endpoint string         `config:"endpoint"`
	Timeout  *time.Duration `config:"timeout"`
	Retries  *int           `config:"retries"`
}

func (e edgeItem) Validate() error {
	if !strings.Contains(e.Endpoint, ".") {
		return config.Invalid("endpoint", e.Endpoint, "must name an endpoint")
	}
	return nil
}

func TestListsOfItemsComeFromFileOrEnvJSON(t *testing.T) {
	second, two := 2*time.Second, 2
	cases := []struct {
		name    string
		file    string
		env     map[string]string
		want    []edgeItem
		wantErr string
	}{
		{name: "none"},
		{
			name: "file",
			file: "policy:\n  edges:\n    - {endpoint: payment.Charge, timeout: 2s}\n    - {endpoint: catalog.GetProduct, retries: 2}\n",
			want: []edgeItem{{Endpoint: "payment.Charge", Timeout: &second}, {Endpoint: "catalog.GetProduct", Retries: &two}},
		},
		{
			name: "env over file",
			file: "policy:\n  edges:\n    - {endpoint: payment.Charge, timeout: 2s}\n",
			env:  map[string]string{"JUBAKO_POLICY_EDGES": `[{"endpoint":"catalog.GetProduct","retries":2}]`},
			want: []edgeItem{{Endpoint: "catalog.GetProduct", Retries: &two}},
		},
		{
			name:    "bad value names the item",
			file:    "policy:\n  edges:\n    - {endpoint: payment.Charge, timeout: soon}\n",
			wantErr: `config: policy.edges[0].timeout="soon": not a duration (use 500ms, 30s, 5m…)`,
		},
		{
			name:    "unknown setting",
			file:    "policy:\n  edges:\n    - {endpoint: payment.Charge, timout: 2s}\n",
			wantErr: `config: policy.edges[0].timout="2s": no such setting`,
		},
		{
			name:    "item's Validate",
			file:    "policy:\n  edges:\n    - {endpoint: charge}\n",
			wantErr: `config: policy.edges[0].endpoint="charge": must name an endpoint`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			inDir(t, tc.file)
			setenv(t, tc.env)
			src, err := config.Load(nil)
			if err != nil {
				t.Fatal(err)
			}
			var got policySection
			err = src.Decode("policy", &got)
			switch {
			case tc.wantErr != "":
				if err == nil || err.Error() != tc.wantErr {
					t.Errorf("error = %v, want %s", err, tc.wantErr)
				}
			case err != nil:
				t.Fatal(err)
			case !reflect.DeepEqual(got.Edges, tc.want):
				t.Errorf("edges = %+v, want %+v", got.Edges, tc.want)
			}
		})
	}
}

package resilience_test

import (
	"testing"

	"github.com/jubako/jubako/platform/config"
	"github.com/jubako/jubako/platform/resilience"
)

func TestBadPoliciesFailNamingTheKey(t *testing.T) {
	cases := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"negative retries", map[string]string{"JUBAKO_RESILIENCE_DEFAULT_RETRIES": "-1"},
			`config: resilience.default.retries="-1": must be 0 to 10`},
		{"endpoint without a module", map[string]string{"JUBAKO_RESILIENCE_ENDPOINTS": `[{"endpoint":"Charge","timeout":"1s"}]`},
			`config: resilience.endpoints[0].endpoint="Charge": must name an endpoint: <module>.<Name>`},
		{"endpoint's rate out of range", map[string]string{"JUBAKO_RESILIENCE_ENDPOINTS": `[{"endpoint":"payment.Charge","failure_rate":2}]`},
			`config: resilience.endpoints[0].failure_rate="2": must be between 0 and 1`},
		{"edge without a caller", map[string]string{"JUBAKO_RESILIENCE_EDGES": `[{"endpoint":"payment.Charge","timeout":"1s"}]`},
			`config: resilience.edges[0].caller="": an edge needs a caller (a module, or gateway)`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			src, err := config.Load(nil)
			if err != nil {
				t.Fatal(err)
			}
			cfg := resilience.Defaults()
			if err := src.Decode("resilience", &cfg); err == nil || err.Error() != tc.want {
				t.Errorf("error = %v\n want %s", err, tc.want)
			}
		})
	}
}

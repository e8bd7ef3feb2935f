package remote

import (
	"net/url"
	"time"

	"github.com/jubako/jubako/platform/config"
)

// Config is the service section: how the processes of one topology trust
// and reach each other.
type Config struct {
	// Token authenticates every internal call; all processes share it.
	Token string `config:"token" secret:"true"`
	// Timeout bounds one internal call when the caller has no deadline.
	Timeout time.Duration `config:"timeout"`
}

// Defaults gives internal calls ten seconds.
func Defaults() Config { return Config{Timeout: 10 * time.Second} }

// Validate checks the section.
func (c Config) Validate() error {
	if c.Token != "" && len(c.Token) < 16 {
		return config.Invalid("token", "(redacted)", "must be at least 16 characters")
	}
	if c.Timeout <= 0 {
		return config.Invalid("timeout", c.Timeout, "must be positive")
	}
	return nil
}

// Module is one entry of the modules section: where a module runs when it
// is not in this process. The entry "default" serves every remote module
// without an entry of its own (typically: the monolith, seen from a
// split-out service).
type Module struct {
	URL string `config:"url"`
}

// Validate checks the entry.
func (m Module) Validate() error {
	if m.URL == "" {
		return nil
	}
	u, err := url.Parse(m.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return config.Invalid("url", m.URL, "must be an http(s) URL like http://127.0.0.1:8081")
	}
	return nil
}

// DefaultModule names the fallback entry of the modules section.
const DefaultModule = "default"

// URLs resolves the address of every remote module, or names the missing key.
func URLs(remote []string, modules map[string]Module, svc Config) (map[string]string, error) {
	out := map[string]string{}
	for _, m := range remote {
		u := modules[m].URL
		if u == "" {
			u = modules[DefaultModule].URL
		}
		if u == "" {
			return nil, config.Invalid("modules."+m+".url", "", "is required: module %s runs in another process in this build (or set modules.default.url)", m)
		}
		out[m] = u
	}
	if len(remote) > 0 && svc.Token == "" {
		return nil, config.Invalid("service.token", "", "is required when modules run in several processes (JUBAKO_SERVICE_TOKEN)")
	}
	return out, nil
}

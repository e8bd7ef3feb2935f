package config_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/jubako/jubako/platform/config"
)

// shopConfig is a process configuration in miniature: nested sections with
// their own Validate, a duration, an int, a list and a map of sections.
type shopConfig struct {
	HTTP     httpSection              `config:"http"`
	Database databaseSection          `config:"database"`
	Log      logSection               `config:"log"`
	Outbox   outboxSection            `config:"outbox"`
	Tags     []string                 `config:"tags"`
	Modules  map[string]moduleSection `config:"modules"`
}

type httpSection struct {
	Addr string `config:"addr"`
}

func (c httpSection) Validate() error {
	if c.Addr == "" {
		return config.Invalid("addr", c.Addr, "must be host:port or :port")
	}
	return nil
}

type databaseSection struct {
	Driver string `config:"driver"`
}

type logSection struct {
	Level string `config:"level"`
}

type outboxSection struct {
	RetryBase time.Duration `config:"retry_base"`
	BatchSize int           `config:"batch_size"`
}

type moduleSection struct {
	URL string `config:"url"`
}

func (c moduleSection) Validate() error {
	if !strings.HasPrefix(c.URL, "http") {
		return config.Invalid("url", c.URL, "must be an http(s) URL")
	}
	return nil
}

func defaults() shopConfig {
	return shopConfig{
		HTTP:     httpSection{Addr: ":8080"},
		Database: databaseSection{Driver: "sqlite"},
		Log:      logSection{Level: "info"},
		Outbox:   outboxSection{RetryBase: time.Second, BatchSize: 256},
	}
}

// load parses args as jubako's command line would and decodes shopConfig
// over its defaults.
func load(t *testing.T, args ...string) (shopConfig, error) {
	t.Helper()
	flags := pflag.NewFlagSet("test", pflag.ContinueOnError)
	flags.String("config", "", "")
	flags.String("http.addr", "", "")
	flags.String("database.driver", "", "")
	flags.String("log.level", "", "")
	flags.String("outbox.retry_base", "", "")
	flags.Int("outbox.batch_size", 0, "")
	flags.StringSlice("tags", nil, "")
	if err := flags.Parse(args); err != nil {
		t.Fatal(err)
	}
	c := defaults()
	src, err := config.Load(flags)
	if err != nil {
		return c, err
	}
	return c, src.Decode("", &c)
}

// inDir makes a fresh working directory holding jubako.yaml (when yaml is
// not empty) and returns it.
func inDir(t *testing.T, yaml string) string {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	if yaml != "" {
		writeFile(t, filepath.Join(dir, config.DefaultFile), yaml)
	}
	return dir
}

func writeFile(t *testing.T, path, data string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func setenv(t *testing.T, env map[string]string) {
	for k, v := range env {
		t.Setenv(k, v)
	}
}

const fileLayer = `
http: {addr: ":1"}
database: {driver: file}
log: {level: warn}
outbox: {retry_base: 2s, batch_size: 10}
tags: [file-a, file-b]
`

var envLayer = map[string]string{
	"JUBAKO_HTTP_ADDR":         ":2",
	"JUBAKO_DATABASE_DRIVER":   "env",
	"JUBAKO_OUTBOX_RETRY_BASE": "3s",
	"JUBAKO_TAGS":              "env-a, env-b",
}

var flagLayer = []string{"--http.addr=:3", "--outbox.batch_size=30", "--tags=flag-a,flag-b"}

func TestPrecedenceIsDefaultsFileEnvFlags(t *testing.T) {
	cases := []struct {
		name string
		file string
		env  map[string]string
		args []string
		want shopConfig
	}{
		{name: "defaults only", want: defaults()},
		{name: "file over defaults", file: fileLayer, want: shopConfig{
			HTTP: httpSection{":1"}, Database: databaseSection{"file"}, Log: logSection{"warn"},
			Outbox: outboxSection{2 * time.Second, 10}, Tags: []string{"file-a", "file-b"},
		}},
		{name: "env over file", file: fileLayer, env: envLayer, want: shopConfig{
			HTTP: httpSection{":2"}, Database: databaseSection{"env"}, Log: logSection{"warn"},
			Outbox: outboxSection{3 * time.Second, 10}, Tags: []string{"env-a", "env-b"},
		}},
		{name: "flags over env", file: fileLayer, env: envLayer, args: flagLayer, want: shopConfig{
			HTTP: httpSection{":3"}, Database: databaseSection{"env"}, Log: logSection{"warn"},
			Outbox: outboxSection{3 * time.Second, 30}, Tags: []string{"flag-a", "flag-b"},
		}},
		{name: "flags over defaults", args: flagLayer, want: shopConfig{
			HTTP: httpSection{":3"}, Database: databaseSection{"sqlite"}, Log: logSection{"info"},
			Outbox: outboxSection{time.Second, 30}, Tags: []string{"flag-a", "flag-b"},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			inDir(t, tc.file)
			setenv(t, tc.env)
			got, err := load(t, tc.args...)
			if err != nil {
				t.Fatal(err)
			}
			tc.want.Modules = map[string]moduleSection{}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

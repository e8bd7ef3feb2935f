package config_test

import (
	"errors"
	"io/fs"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestConfigFileIsFoundInWorkingDirOrNamed(t *testing.T) {
	cases := []struct {
		name     string
		cwdFile  string
		named    string // written elsewhere and passed as --config
		viaEnv   bool   // name the file with JUBAKO_CONFIG instead
		wantAddr string
	}{
		{name: "no file", wantAddr: ":8080"},
		{name: "jubako.yaml in working dir", cwdFile: `http: {addr: ":7001"}`, wantAddr: ":7001"},
		{name: "--config wins over working dir", cwdFile: `http: {addr: ":7001"}`, named: `http: {addr: ":7002"}`, wantAddr: ":7002"},
		{name: "JUBAKO_CONFIG wins over working dir", cwdFile: `http: {addr: ":7001"}`, named: `http: {addr: ":7003"}`, viaEnv: true, wantAddr: ":7003"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			inDir(t, tc.cwdFile)
			var args []string
			if tc.named != "" {
				path := filepath.Join(t.TempDir(), "other.yaml")
				writeFile(t, path, tc.named)
				if tc.viaEnv {
					t.Setenv("JUBAKO_CONFIG", path)
				} else {
					args = append(args, "--config", path)
				}
			}
			got, err := load(t, args...)
			if err != nil {
				t.Fatal(err)
			}
			if got.HTTP.Addr != tc.wantAddr {
				t.Errorf("http.addr = %q, want %q", got.HTTP.Addr, tc.wantAddr)
			}
		})
	}
}

func TestMissingNamedConfigFileIsAnError(t *testing.T) {
	inDir(t, `http: {addr: ":7001"}`)
	missing := filepath.Join(t.TempDir(), "missing.yaml")
	_, err := load(t, "--config", missing)
	if err == nil {
		t.Fatal("a missing --config file was accepted")
	}
	if !strings.Contains(err.Error(), missing) || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("error %q should name %s and be fs.ErrNotExist", err, missing)
	}
}

func TestMapSectionsComeFromFileAndEnv(t *testing.T) {
	cases := []struct {
		name string
		file string
		env  map[string]string
		want map[string]moduleSection
	}{
		{name: "none", want: map[string]moduleSection{}},
		{
			name: "file",
			file: "modules:\n  payment: {url: http://pay.file}\n  shipping: {url: http://ship.file}\n",
			want: map[string]moduleSection{"payment": {"http://pay.file"}, "shipping": {"http://ship.file"}},
		},
		{
			name: "env only",
			env:  map[string]string{"JUBAKO_MODULES_PAYMENT_URL": "http://pay.env"},
			want: map[string]moduleSection{"payment": {"http://pay.env"}},
		},
		{
			name: "env over file",
			file: "modules:\n  payment: {url: http://pay.file}\n  shipping: {url: http://ship.file}\n",
			env:  map[string]string{"JUBAKO_MODULES_PAYMENT_URL": "http://pay.env"},
			want: map[string]moduleSection{"payment": {"http://pay.env"}, "shipping": {"http://ship.file"}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			inDir(t, tc.file)
			setenv(t, tc.env)
			got, err := load(t)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Modules, tc.want) {
				t.Errorf("modules = %+v, want %+v", got.Modules, tc.want)
			}
		})
	}
}

func TestInvalidValueIsOneLineNamingKeyAndValue(t *testing.T) {
	cases := []struct {
		name string
		file string
		env  map[string]string
		args []string
		want string
	}{
		{
			name: "bad duration in env",
			env:  map[string]string{"JUBAKO_OUTBOX_RETRY_BASE": "3x"},
			want: `config: outbox.retry_base="3x": not a duration (use 500ms, 30s, 5m…)`,
		},
		{
			name: "bare number for a duration in env",
			env:  map[string]string{"JUBAKO_OUTBOX_RETRY_BASE": "3"},
			want: `config: outbox.retry_base="3": needs a unit, like 30s or 5m`,
		},
		{
			name: "bare number for a duration in file",
			file: "outbox: {retry_base: 3}",
			want: `config: outbox.retry_base="3": needs a unit, like 30s or 5m`,
		},
		{
			name: "bad duration flag",
			args: []string{"--outbox.retry_base=soon"},
			want: `config: outbox.retry_base="soon": not a duration (use 500ms, 30s, 5m…)`,
		},
		{
			name: "bad int",
			env:  map[string]string{"JUBAKO_OUTBOX_BATCH_SIZE": "lots"},
			want: `config: outbox.batch_size="lots": not a valid int`,
		},
		{
			name: "nested Validate failure",
			args: []string{"--http.addr="},
			want: `config: http.addr="": must be host:port or :port`,
		},
		{
			name: "map section Validate failure",
			env:  map[string]string{"JUBAKO_MODULES_PAYMENT_URL": "ftp://pay"},
			want: `config: modules.payment.url="ftp://pay": must be an http(s) URL`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			inDir(t, tc.file)
			setenv(t, tc.env)
			_, err := load(t, tc.args...)
			if err == nil {
				t.Fatalf("accepted; want %s", tc.want)
			}
			if err.Error() != tc.want {
				t.Errorf("error:\n got %s\nwant %s", err, tc.want)
			}
		})
	}
}

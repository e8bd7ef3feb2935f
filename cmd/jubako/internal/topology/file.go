// Package topology reads a topology file — which modules run in which
// service, how many replicas, what they share — and resolves it against the
// modules this repository has into a Plan: each service's modules, build
// tags, public paths and wiring. `jubako topology up` runs a plan as local
// processes; `jubako deploy render` turns it into Kubernetes or compose
// manifests. Nothing else knows which module runs where.
package topology

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"go.yaml.in/yaml/v3"
)

// File is a topology file as written (see the README's "Topology files").
type File struct {
	// Name prefixes every object rendered from the file.
	Name string `yaml:"name"`
	// Image is the image repository prefix: a service's image is
	// <image>-<service>:<tag>.
	Image string `yaml:"image"`
	Tag   string `yaml:"tag"`
	// Postgres is shared (one server, a database per service) or
	// per-service (a server each).
	Postgres string `yaml:"postgres"`
	// Services run in this order; the first is the front.
	Services []ServiceSpec `yaml:"services"`
	// Others says where modules no service lists run: front or own.
	Others string `yaml:"others"`
	// Settings are configuration keys given to every service.
	Settings map[string]Setting `yaml:"settings"`
	// Ingress, when set, exposes the front under a host name.
	Ingress *Ingress `yaml:"ingress"`
}

// ServiceSpec is one entry of services.
type ServiceSpec struct {
	Name        string   `yaml:"name"`
	Modules     []string `yaml:"modules"`
	Replicas    *int     `yaml:"replicas"`
	MaxReplicas *int     `yaml:"max_replicas"`
	CPU         string   `yaml:"cpu"`
	Memory      string   `yaml:"memory"`
}

// Ingress describes the Ingress rendered for the front.
type Ingress struct {
	Host  string `yaml:"host"`
	Class string `yaml:"class"`
	// TLSSecret names a Secret holding the host's certificate.
	TLSSecret string `yaml:"tls_secret"`
}

// Values of File.Others and File.Postgres.
const (
	OthersFront        = "front"
	OthersOwn          = "own"
	PostgresShared     = "shared"
	PostgresPerService = "per-service"
)

// Load reads and resolves the topology file at path against modules.
func Load(path string, modules []string) (*Plan, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("topology: %w", err)
	}
	f, err := Parse(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	p, err := Resolve(f, modules)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return p, nil
}

// Parse decodes a topology file; a key the format does not have is an
// error naming its line.
func Parse(data []byte) (File, error) {
	var f File
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		if errors.Is(err, io.EOF) {
			return f, errors.New("the file is empty")
		}
		return f, err
	}
	return f, nil
}

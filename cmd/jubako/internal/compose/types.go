package compose

// The parts of the Compose specification (compose-spec.io) the rendered
// file uses, with its field names.

// File is a compose file.
type File struct {
	Name     string             `json:"name"`
	Services map[string]Service `json:"services"`
	Volumes  map[string]Volume  `json:"volumes,omitempty"`
	Configs  map[string]Config  `json:"configs,omitempty"`
}

// Service is one service of a compose file.
type Service struct {
	Image           string                `json:"image"`
	Build           *Build                `json:"build,omitempty"`
	Environment     map[string]string     `json:"environment,omitempty"`
	Ports           []string              `json:"ports,omitempty"`
	Volumes         []string              `json:"volumes,omitempty"`
	Configs         []ConfigRef           `json:"configs,omitempty"`
	DependsOn       map[string]Dependency `json:"depends_on,omitempty"`
	Deploy          *Deploy               `json:"deploy,omitempty"`
	Healthcheck     *Healthcheck          `json:"healthcheck,omitempty"`
	Restart         string                `json:"restart,omitempty"`
	StopGracePeriod string                `json:"stop_grace_period,omitempty"`
}

// Build builds a service's image from the checkout.
type Build struct {
	Context string            `json:"context"`
	Args    map[string]string `json:"args,omitempty"`
}

// Dependency is an entry of depends_on.
type Dependency struct {
	Condition string `json:"condition"`
}

// Deploy holds a service's replicas.
type Deploy struct {
	Replicas int `json:"replicas"`
}

// Healthcheck tells when a service is healthy.
type Healthcheck struct {
	Test     []string `json:"test"`
	Interval string   `json:"interval,omitempty"`
	Retries  int      `json:"retries,omitempty"`
}

// Volume is a named volume (the engine's defaults).
type Volume struct{}

// Config is a file given to containers, here written inline.
type Config struct {
	Content string `json:"content"`
}

// ConfigRef mounts a config in a container.
type ConfigRef struct {
	Source string `json:"source"`
	Target string `json:"target"`
}

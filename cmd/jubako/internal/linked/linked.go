// Package linked lists the modules a build of cmd/jubako links and those it
// reaches over HTTP. Build tags decide (split_<module>, only_<module>): the
// generated maybe_<module>_{local,remote}.go pairs each add a module to one
// list or the other. cmd/jubako serves them; system tests start the same
// shop in process from them.
package linked

import (
	"slices"

	"go.uber.org/fx"
)

//go:generate go run gen_modules.go

var (
	modules []fx.Option
	remotes []string
)

// Modules returns the fx modules of the modules linked into this build,
// and the platform settings that name the shop's routes.
func Modules() []fx.Option { return append(slices.Clone(modules), shopDefaults) }

// Remotes names the modules this build reaches in other processes.
func Remotes() []string { return remotes }

// Names lists every module of the repository, linked into this build or
// not, sorted.
func Names() []string { return slices.Clone(names) }

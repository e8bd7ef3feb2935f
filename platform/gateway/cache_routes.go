package gateway

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"go.uber.org/fx"

	"github.com/jubako/jubako/platform/config"
)

// CachedRoute is a route a module declares cacheable: its GET answers do
// not depend on the caller and change only with time or the events named.
type CachedRoute struct {
	// Name is the route's key in the configuration: http.cache.routes.<Name>.
	Name string
	CacheRoute
}

// cacheRoutesGroup is the fx value group of the declared routes.
const cacheRoutesGroup = `group:"cache_routes"`

// AddCacheRoute declares, in a module's local fx module, a route of the
// module whose GET answers the gateway keeps: r.Path is the route's
// pattern, r.TTL how long an answer lives by default, and r.InvalidatedBy
// the topics (the module's own or other modules', named by their contracts)
// whose events drop the route's entries at once. The keys under
// http.cache.routes.<name> change any of them; a ttl of 0 turns it off.
func AddCacheRoute(name string, r CacheRoute) fx.Option {
	return fx.Supply(fx.Annotate(CachedRoute{Name: name, CacheRoute: r}, fx.ResultTags(cacheRoutesGroup)))
}

// DeclaredRoutes collects the routes the modules of a process declared
// with AddCacheRoute.
type DeclaredRoutes struct {
	fx.In
	Routes []CachedRoute `group:"cache_routes"`
}

// WithRoutes returns c holding the declared routes, each under its name,
// with the keys of src under key (where c is configured: http.cache)
// applied over them; routes src names that no module declares are added
// as configured.
func (c CacheConfig) WithRoutes(src *config.Source, key string, declared []CachedRoute) (CacheConfig, error) {
	c.Routes = make(map[string]CacheRoute, len(declared))
	c.declared = make([]string, 0, len(declared))
	for _, d := range declared {
		if _, twice := c.Routes[d.Name]; twice {
			return c, fmt.Errorf("gateway: the cache route %q is declared twice", d.Name)
		}
		if err := d.check(); err != nil {
			return c, fmt.Errorf("gateway: the cache route %q: %w", d.Name, err)
		}
		c.Routes[d.Name] = d.CacheRoute
		c.declared = append(c.declared, d.Name)
	}
	return c, src.Decode(key, &c)
}

// check refuses a declaration without a name or a path, a name that is no
// configuration key (keys are lower case, without dots), or values the
// configuration could not hold.
func (d CachedRoute) check() error {
	switch {
	case d.Name == "" || d.Path == "":
		return errors.New("a declared route needs a name and a path")
	case d.Name != strings.ToLower(d.Name) || strings.ContainsAny(d.Name, ". "):
		return errors.New("a route's name is a configuration key: lower case, no dots nor spaces")
	}
	return d.Validate()
}

// isDeclared reports whether a module here declared the route name.
func (c CacheConfig) isDeclared(name string) bool {
	return slices.Contains(c.declared, name)
}

// unplaced lists, sorted, the configured routes that have no path: they
// change a route that no module in this process declares.
func (c CacheConfig) unplaced() []string {
	var names []string
	for name, r := range c.Routes {
		if r.Path == "" {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

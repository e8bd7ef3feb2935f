package resilience

import (
	"errors"
	"fmt"
	"time"

	"github.com/jubako/jubako/platform/config"
)

// Config is the resilience section: a default policy, overrides per
// endpoint and per caller→endpoint edge, and the bounds of the last good
// replies kept. Endpoint names hold dots, which viper cannot keep in a key,
// so overrides are lists:
//
//	resilience:
//	  default: {timeout: 10s, retries: 2}
//	  endpoints:
//	    - {endpoint: catalog.GetProduct, timeout: 2s}
//	  edges:
//	    - {caller: orders, endpoint: payment.Charge, timeout: 5s, failures: 3}
type Config struct {
	Default   Policy     `config:"default"`
	Endpoints []Override `config:"endpoints"`
	Edges     []Override `config:"edges"`
	LastGood  LastGood   `config:"last_good"`
}

// LastGood bounds the replies kept to answer for a failing provider.
type LastGood struct {
	// Entries is how many requests' replies are kept per endpoint (least
	// recently used go first).
	Entries int `config:"entries"`
	// MaxAge is how old a reply may be and still answer.
	MaxAge time.Duration `config:"max_age"`
}

// Defaults suit the shop: a call gets 10s (service.timeout, saga.step_timeout),
// a query two more tries 50ms–1s apart, at most 128 at once per endpoint;
// five failures in a row open the breaker for 5s, then one probe decides.
func Defaults() Config {
	return Config{
		Default: Policy{
			Timeout: 10 * time.Second, Retries: 2, Backoff: 50 * time.Millisecond, BackoffMax: time.Second,
			Bulkhead: 128, Failures: 5, MinCalls: 20, Period: time.Minute, OpenFor: 5 * time.Second, Probes: 1,
		},
		LastGood: LastGood{Entries: 512, MaxAge: 30 * time.Minute},
	}
}

// Validate checks the section; the lists' items validate themselves.
func (c Config) Validate() error {
	if err := c.Default.Validate(); err != nil {
		return err
	}
	for i, e := range c.Endpoints {
		if err := e.over(c.Default).Validate(); err != nil {
			return within(fmt.Sprintf("endpoints[%d]", i), err)
		}
	}
	for i, e := range c.Edges {
		if e.Caller == "" {
			return config.Invalid(fmt.Sprintf("edges[%d].caller", i), "", "an edge needs a caller (a module, or gateway)")
		}
		if err := c.policy(e.Caller, e.Endpoint).Validate(); err != nil {
			return within(fmt.Sprintf("edges[%d]", i), err)
		}
	}
	return c.LastGood.Validate()
}

// policy is the effective policy of caller's calls to endpoint: the
// default, the endpoint's override over it, the edge's over that.
func (c Config) policy(caller, endpoint string) Policy {
	p := c.Default
	for _, o := range c.Endpoints {
		if o.Endpoint == endpoint {
			p = o.over(p)
		}
	}
	for _, o := range c.Edges {
		if o.Caller == caller && o.Endpoint == endpoint {
			p = o.over(p)
		}
	}
	return p
}

// hasEdge reports whether caller's calls to endpoint have a policy of their own.
func (c Config) hasEdge(caller, endpoint string) bool {
	for _, o := range c.Edges {
		if o.Caller == caller && o.Endpoint == endpoint {
			return true
		}
	}
	return false
}

// within names the list item a policy's error is about.
func within(item string, err error) error {
	var fe *config.FieldError
	if errors.As(err, &fe) {
		return config.Invalid(item+"."+fe.Key, fe.Value, "%s", fe.Reason)
	}
	return err
}

// Validate checks the bounds of the last good replies.
func (l LastGood) Validate() error {
	switch {
	case l.Entries < 0 || l.Entries > 1_000_000:
		return config.Invalid("last_good.entries", l.Entries, "must be 0 (keep none) to 1000000")
	case l.MaxAge < 0:
		return config.Invalid("last_good.max_age", l.MaxAge, "must not be negative")
	}
	return nil
}

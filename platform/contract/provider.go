package contract

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/testkit"
)

// Provider verifies, in a test of the provider module, every contract that
// names it against the module running in a testkit process.
type Provider struct {
	module     string
	transports []transport
	states     map[string]SetUp
	examples   map[string]any
}

// NewProvider verifies module as served by process, which must have been
// started with Settings so that it accepts calls over the remote transport.
func NewProvider(module string, process *testkit.Process) *Provider {
	return &Provider{module: module, transports: transports(module, process), states: map[string]SetUp{}, examples: map[string]any{}}
}

// Messages verifies the contracts of module, a provider that only
// publishes events and serves no endpoint (purchase, the checkout's
// published language): its example events are checked without a running
// process, and an interaction declared of it fails.
func Messages(module string) *Provider {
	return &Provider{module: module, states: map[string]SetUp{}, examples: map[string]any{}}
}

// SetUp brings the provider into a state and returns the values it made
// that a request may need (an id the provider chose), by name.
type SetUp func(ctx context.Context) (map[string]any, error)

// State registers how to bring the provider into the named state. setUp
// runs once before each interaction given that state, which is then
// replayed in process and again over the remote transport: the second
// replay repeats the first, as an idempotent endpoint allows.
func (p *Provider) State(name string, setUp func(ctx context.Context) error) {
	p.StateWith(name, func(ctx context.Context) (map[string]any, error) { return nil, setUp(ctx) })
}

// StateWith is State for a state whose values requests take (see
// Expectation.FromState).
func (p *Provider) StateWith(name string, setUp SetUp) {
	p.states[name] = setUp
}

// Publishes registers an example event of the provider's topic t, against
// which its consumers' declarations are checked.
func Publishes[E any](p *Provider, t bus.TopicOf[E], example E) {
	p.examples[t.Info().Name] = example
}

// Verify checks every contract under the repository's contracts folder that
// names the provider: a subtest per consumer and interaction, each
// interaction replayed in process and over the remote transport. It fails
// when no contract names the provider.
func (p *Provider) Verify(t *testing.T) {
	t.Helper()
	contracts, err := Load(filepath.Join(testkit.RepoRoot(t), Dir), p.module)
	if err != nil {
		t.Fatal(err)
	}
	if len(contracts) == 0 {
		t.Fatalf("no contract in %s names provider %s", Dir, p.module)
	}
	for _, c := range contracts {
		t.Run(c.Consumer, func(t *testing.T) {
			for _, i := range c.Interactions {
				t.Run(i.Description, func(t *testing.T) {
					for _, err := range p.replay(t.Context(), c, i) {
						t.Error(err)
					}
				})
			}
			for _, m := range c.Messages {
				t.Run(m.Description, func(t *testing.T) {
					if err := p.checkMessage(c, m); err != nil {
						t.Error(err)
					}
				})
			}
		})
	}
}

// replay sets up the interaction's state once, then sends its request
// through every transport and checks each answer.
func (p *Provider) replay(ctx context.Context, c *Contract, i *Interaction) []error {
	info, ok := bus.LookupEndpoint(i.Endpoint)
	switch {
	case !ok:
		return []error{c.fail(i, errors.New("the provider declares no such endpoint"))}
	case len(p.transports) == 0:
		return []error{c.fail(i, errors.New("the provider publishes events only and serves no endpoint"))}
	}
	request, err := p.setUp(ctx, i)
	if err != nil {
		return []error{c.fail(i, err)}
	}
	var errs []error
	for _, tr := range p.transports {
		reply, err := tr.call(ctx, info, request)
		if err := c.Check(i, reply, err); err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", tr.name, err))
		}
	}
	return errs
}

// setUp brings the provider into i's state and returns i's request with
// the state's values in.
func (p *Provider) setUp(ctx context.Context, i *Interaction) ([]byte, error) {
	if i.Given == "" {
		return fillIn(i.Request, i.FromState, nil)
	}
	setUp, ok := p.states[i.Given]
	if !ok {
		return nil, fmt.Errorf("unknown provider state %q: the provider's test registers none by that name", i.Given)
	}
	values, err := setUp(ctx)
	if err != nil {
		return nil, fmt.Errorf("set up provider state %q: %w", i.Given, err)
	}
	return fillIn(i.Request, i.FromState, values)
}

// checkMessage checks the provider's example event of m's topic against
// what the consumer reads of it.
func (p *Provider) checkMessage(c *Contract, m *Message) error {
	example, ok := p.examples[m.Topic]
	if !ok {
		return c.failMessage(m, errors.New("no example event: the provider's test registers none with Publishes"))
	}
	data, err := json.Marshal(example)
	if err != nil {
		return c.failMessage(m, fmt.Errorf("encode the example: %w", err))
	}
	return c.CheckEvent(m, data)
}

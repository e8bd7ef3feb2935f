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
	module   string
	process  *testkit.Process
	states   map[string]func(context.Context) error
	examples map[string]any
}

// NewProvider verifies module as served by process, which must have been
// started with Settings so that it accepts calls over the remote transport.
func NewProvider(module string, process *testkit.Process) *Provider {
	return &Provider{module: module, process: process, states: map[string]func(context.Context) error{}, examples: map[string]any{}}
}

// State registers how to bring the provider into the named state; setUp
// runs before every replay of an interaction given that state, so it must
// be safe to run again.
func (p *Provider) State(name string, setUp func(ctx context.Context) error) {
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
	transports := p.transports()
	for _, c := range contracts {
		t.Run(c.Consumer, func(t *testing.T) {
			for _, i := range c.Interactions {
				t.Run(i.Description, func(t *testing.T) {
					for _, tr := range transports {
						if err := p.replay(t.Context(), c, i, tr); err != nil {
							t.Errorf("%s: %v", tr.name, err)
						}
					}
				})
			}
			for _, m := range c.Messages {
				t.Run(m.Description, func(t *testing.T) {
					if err := p.CheckMessage(c, m); err != nil {
						t.Error(err)
					}
				})
			}
		})
	}
}

// replay sets up the interaction's state, sends its request through tr
// and checks the answer.
func (p *Provider) replay(ctx context.Context, c *Contract, i *Interaction, tr transport) error {
	info, ok := bus.LookupEndpoint(i.Endpoint)
	if !ok {
		return c.fail(i, errors.New("the provider declares no such endpoint"))
	}
	if i.Given != "" {
		setUp, ok := p.states[i.Given]
		if !ok {
			return c.fail(i, fmt.Errorf("unknown provider state %q: the provider's test registers none by that name", i.Given))
		}
		if err := setUp(ctx); err != nil {
			return c.fail(i, fmt.Errorf("set up provider state %q: %w", i.Given, err))
		}
	}
	reply, err := tr.call(ctx, info, i.Request)
	return c.Check(i, reply, err)
}

// CheckMessage checks the provider's example event of m's topic against
// what the consumer reads of it.
func (p *Provider) CheckMessage(c *Contract, m *Message) error {
	example, ok := p.examples[m.Topic]
	if !ok {
		return fmt.Errorf("contract %s, message %q (%s): no example event: the provider's test registers none with Publishes", c.name(), m.Description, m.Topic)
	}
	data, err := json.Marshal(example)
	if err != nil {
		return fmt.Errorf("contract %s, message %q (%s): encode the example: %w", c.name(), m.Description, m.Topic, err)
	}
	if mismatches := m.Event.Match(data); len(mismatches) > 0 {
		return fmt.Errorf("contract %s, message %q (%s): event %s", c.name(), m.Description, m.Topic, join(mismatches))
	}
	return nil
}

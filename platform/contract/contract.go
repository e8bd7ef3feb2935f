// Package contract is consumer-driven contract testing over the bus. A
// consumer module's tests declare, per provider, the interactions they rely
// on: an endpoint, the provider state it needs, the request, and the reply
// fields the consumer reads by type (Matcher); likewise the events of a
// topic it listens to. The declarations are written to
// contracts/<consumer>-<provider>.json at the repository root, and the
// consumer's test fails while that committed file differs from them. A
// provider's tests verify every contract naming it: each state is set up,
// each request replayed through the bus in process and over the remote
// transport, and each reply and example event checked against the
// matchers.
package contract

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
)

// Contract is what one consumer relies on of one provider.
type Contract struct {
	Consumer     string         `json:"consumer"`
	Provider     string         `json:"provider"`
	Interactions []*Interaction `json:"interactions,omitempty"`
	Messages     []*Message     `json:"messages,omitempty"`
}

// Interaction is one call of a provider's endpoint.
type Interaction struct {
	Description string `json:"description"`
	Endpoint    string `json:"endpoint"`
	// Given names the provider state the call needs ("product X is sold").
	Given   string          `json:"given,omitempty"`
	Request json.RawMessage `json:"request"`
	// FromState maps fields of the request (dotted JSON paths) to the
	// names of values the provider state gives them.
	FromState map[string]string `json:"from_state,omitempty"`
	// Reply is what the consumer reads of the reply; nil when it reads
	// nothing but the success.
	Reply *Matcher `json:"reply,omitempty"`
	// Error is the error the consumer expects instead of a reply.
	Error *Failure `json:"error,omitempty"`
}

// Failure is an expected error: its code, and its reason and field when
// the consumer relies on them.
type Failure struct {
	Code   string `json:"code"`
	Reason string `json:"reason,omitempty"`
	Field  string `json:"field,omitempty"`
}

// Message is an event of a provider's topic that the consumer handles.
type Message struct {
	Description string  `json:"description"`
	Topic       string  `json:"topic"`
	Event       Matcher `json:"event"`
}

// Dir is where contracts live, relative to the repository root.
const Dir = "contracts"

// FileName is the contract file of consumer and provider.
func FileName(consumer, provider string) string {
	return consumer + "-" + provider + ".json"
}

// encode is the contract as its file holds it.
func (c *Contract) encode() ([]byte, error) {
	data, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("contract %s: %w", c.name(), err)
	}
	return append(data, '\n'), nil
}

// name is "consumer → provider", for messages.
func (c *Contract) name() string { return c.Consumer + " → " + c.Provider }

// Load reads every contract in dir whose provider is provider.
func Load(dir, provider string) ([]*Contract, error) {
	all, err := loadAll(dir)
	var out []*Contract
	for _, c := range all {
		if c.Provider == provider {
			out = append(out, c)
		}
	}
	return out, err
}

// loadAll reads every contract in dir.
func loadAll(dir string) ([]*Contract, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	var out []*Contract
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		c := &Contract{}
		if err := json.Unmarshal(data, c); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		out = append(out, c)
	}
	return out, nil
}

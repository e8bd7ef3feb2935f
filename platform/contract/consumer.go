package contract

import (
	"encoding/json"
	"fmt"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/shared"
)

// Pact gathers a consumer's declarations about one provider, in a test of
// the consumer.
type Pact struct {
	contract Contract
	errs     []error
}

// Between starts the declarations of consumer about provider (module names).
func Between(consumer, provider string) *Pact {
	return &Pact{contract: Contract{Consumer: consumer, Provider: provider}}
}

// Expectation refines a declared interaction.
type Expectation struct{ i *Interaction }

// Expect declares that the consumer calls e with req, and returns the
// interaction for Given, Reads and Fails. The description names the
// interaction in the provider's failures; it is unique within the pact.
func Expect[Req, Rep any](p *Pact, description string, e bus.EndpointOf[Req, Rep], req Req) Expectation {
	i := &Interaction{Description: description, Endpoint: e.Info().Name}
	body, err := json.Marshal(req)
	i.Request = body
	p.declare(err, description, e.Info().Name, e.Info().Module)
	p.contract.Interactions = append(p.contract.Interactions, i)
	return Expectation{i}
}

// Listen declares that the consumer handles the events of t and reads what
// event matches.
func Listen[E any](p *Pact, description string, t bus.TopicOf[E], event Matcher) {
	p.declare(nil, description, t.Info().Name, t.Info().Module)
	p.contract.Messages = append(p.contract.Messages, &Message{Description: description, Topic: t.Info().Name, Event: event})
}

// declare records what is wrong with a new declaration.
func (p *Pact) declare(err error, description, name, module string) {
	if err != nil {
		p.errs = append(p.errs, fmt.Errorf("%q: %w", description, err))
	}
	if module != p.contract.Provider {
		p.errs = append(p.errs, fmt.Errorf("%q: %s belongs to module %s, not to provider %s", description, name, module, p.contract.Provider))
	}
	if p.described(description) {
		p.errs = append(p.errs, fmt.Errorf("%q is declared twice", description))
	}
}

func (p *Pact) described(description string) bool {
	for _, i := range p.contract.Interactions {
		if i.Description == description {
			return true
		}
	}
	for _, m := range p.contract.Messages {
		if m.Description == description {
			return true
		}
	}
	return false
}

// Given names the provider state the call needs.
func (e Expectation) Given(state string) Expectation {
	e.i.Given = state
	return e
}

// FromState declares that the request's field (a dotted JSON path) takes
// the value named value of the provider state, in place of the example
// the request holds: for an id the provider chooses as it sets up the
// state.
func (e Expectation) FromState(field, value string) Expectation {
	if e.i.FromState == nil {
		e.i.FromState = map[string]string{}
	}
	e.i.FromState[field] = value
	return e
}

// Reads declares what the consumer reads of the reply.
func (e Expectation) Reads(reply Matcher) Expectation {
	e.i.Reply = &reply
	return e
}

// Fails declares that the call answers with err instead of a reply: its
// code, and its reason and field unless empty.
func (e Expectation) Fails(err *shared.Error) Expectation {
	e.i.Error = &Failure{Code: string(err.Code), Reason: err.Reason, Field: err.Field}
	return e
}

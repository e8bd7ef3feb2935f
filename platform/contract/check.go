package contract

import (
	"fmt"
	"strings"

	"github.com/jubako/jubako/shared"
)

// Interaction finds the interaction of c by description; nil if none.
func (c *Contract) Interaction(description string) *Interaction {
	for _, i := range c.Interactions {
		if i.Description == description {
			return i
		}
	}
	return nil
}

// Check judges the provider's answer to i, its JSON reply or its error,
// against what the consumer expects. The error names the consumer, the
// interaction and the JSON path of every field that does not match.
func (c *Contract) Check(i *Interaction, reply []byte, err error) error {
	switch {
	case i.Error != nil && err == nil:
		return c.fail(i, fmt.Errorf("answered a reply, want error %s", i.Error))
	case i.Error != nil:
		if !i.Error.matches(shared.AsError(err)) {
			return c.fail(i, fmt.Errorf("failed with %s, want error %s", describeError(err), i.Error))
		}
		return nil
	case err != nil:
		return c.fail(i, fmt.Errorf("failed with %s", describeError(err)))
	case i.Reply != nil:
		if mismatches := i.Reply.Match(reply); len(mismatches) > 0 {
			return c.fail(i, fmt.Errorf("reply %s", join(mismatches)))
		}
	}
	return nil
}

// CheckEvent judges an event of m's topic, as JSON, against what the
// consumer reads of it. The error names the consumer, the message and the
// JSON path of every field that does not match.
func (c *Contract) CheckEvent(m *Message, event []byte) error {
	if mismatches := m.Event.Match(event); len(mismatches) > 0 {
		return c.failMessage(m, fmt.Errorf("event %s", join(mismatches)))
	}
	return nil
}

// failMessage names the contract and the message in err.
func (c *Contract) failMessage(m *Message, err error) error {
	return fmt.Errorf("contract %s, message %q (%s): %w", c.name(), m.Description, m.Topic, err)
}

// fail names the contract and the interaction in err.
func (c *Contract) fail(i *Interaction, err error) error {
	given := ""
	if i.Given != "" {
		given = fmt.Sprintf(", given %q", i.Given)
	}
	return fmt.Errorf("contract %s, interaction %q (%s%s): %w", c.name(), i.Description, i.Endpoint, given, err)
}

// matches reports whether e has f's code, and its reason and field where
// f names them.
func (f *Failure) matches(e *shared.Error) bool {
	return string(e.Code) == f.Code && (f.Reason == "" || e.Reason == f.Reason) && (f.Field == "" || e.Field == f.Field)
}

// String is "code/reason on field", leaving out what is empty.
func (f *Failure) String() string {
	s := f.Code
	if f.Reason != "" {
		s += "/" + f.Reason
	}
	if f.Field != "" {
		s += " on " + f.Field
	}
	return s
}

func describeError(err error) string {
	e := shared.AsError(err)
	return (&Failure{Code: string(e.Code), Reason: e.Reason, Field: e.Field}).String() + " (" + e.Message + ")"
}

func join(mismatches []Mismatch) string {
	parts := make([]string, len(mismatches))
	for i, m := range mismatches {
		parts[i] = m.String()
	}
	return strings.Join(parts, "; ")
}

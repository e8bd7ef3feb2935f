package outbox_test

import (
	"errors"
	"testing"
	"time"

	"github.com/jubako/jubako/platform/config"
	"github.com/jubako/jubako/platform/outbox"
)

func TestAliveTTLIsCheckedByKey(t *testing.T) {
	cases := []struct {
		name string
		ttl  time.Duration
		bad  bool
	}{
		{name: "default", ttl: outbox.Defaults().AliveTTL},
		{name: "one second", ttl: time.Second},
		{name: "under a second", ttl: 300 * time.Millisecond, bad: true},
		{name: "zero", ttl: 0, bad: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := outbox.Defaults()
			c.AliveTTL = tc.ttl
			err := c.Validate()
			var fe *config.FieldError
			switch {
			case !tc.bad && err != nil:
				t.Errorf("alive_ttl %s: %v", tc.ttl, err)
			case tc.bad && (!errors.As(err, &fe) || fe.Key != "alive_ttl"):
				t.Errorf("alive_ttl %s: %v, want an error naming alive_ttl", tc.ttl, err)
			}
		})
	}
}

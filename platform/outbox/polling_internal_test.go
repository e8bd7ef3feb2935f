package outbox

import (
	"errors"
	"testing"
	"time"

	"github.com/jubako/jubako/platform/config"
)

func TestPollingIsPickedByTheBroker(t *testing.T) {
	cases := []struct {
		name          string
		task, delayed time.Duration
		embedded      bool
		wantT, wantD  time.Duration
	}{
		{name: "a Redis server", wantT: 500 * time.Millisecond, wantD: time.Second},
		{name: "the embedded Redis", embedded: true, wantT: 2 * time.Second, wantD: 2 * time.Second},
		{name: "configured", task: 50 * time.Millisecond, delayed: 200 * time.Millisecond, embedded: true, wantT: 50 * time.Millisecond, wantD: 200 * time.Millisecond},
		{name: "one configured", task: 3 * time.Second, wantT: 3 * time.Second, wantD: time.Second},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := Defaults()
			c.TaskCheckInterval, c.DelayedCheckInterval = tc.task, tc.delayed
			if err := c.Validate(); err != nil {
				t.Fatal(err)
			}
			if task, delayed := c.polling(tc.embedded); task != tc.wantT || delayed != tc.wantD {
				t.Errorf("polling = %s, %s; want %s, %s", task, delayed, tc.wantT, tc.wantD)
			}
		})
	}
	c := Defaults()
	c.DelayedCheckInterval = -time.Second
	var fe *config.FieldError
	if err := c.Validate(); !errors.As(err, &fe) || fe.Key != "delayed_check_interval" {
		t.Errorf("a negative delayed_check_interval: %v, want an error naming it", err)
	}
}

// Package loadgen replays Online Boutique's shopper mix (its locustfile)
// against a shop's pages: virtual users, each keeping its cookies, start
// on the home page, then pick tasks by OB's weights — index 1, setCurrency
// 2, browseProduct 10, addToCart 2, viewCart 3, checkout 1 — with a think
// time between them, or paced at a fixed rate (open loop). Task latencies
// go into HDR histograms; a run reports each task's count, errors and
// percentiles. It speaks plain HTTP and forms only, so it loads Online
// Boutique's own frontend as well as jubako's.
package loadgen

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// Options say what to load, and how hard.
type Options struct {
	// URL is the shop's address (http://localhost:8080).
	URL string
	// Users is how many virtual shoppers run, each with its own cookies.
	Users int
	// SpawnRate is how many users start per second.
	SpawnRate float64
	// Duration is how long the run lasts, from its start.
	Duration time.Duration
	// Rate, when positive, paces the run at Rate tasks per second in all
	// (open loop): each user starts a task every Users/Rate seconds,
	// whatever its tasks take, and Think is not used.
	Rate float64
	// Think is how long a user waits between two tasks (closed loop).
	Think Think
	// Timeout bounds each request.
	Timeout time.Duration
	// Seed makes the users' choices repeatable; 0 draws one.
	Seed uint64
}

// Defaults are OB's: think 1–10 s; ten users started in a second, for a
// minute.
func Defaults() Options {
	return Options{Users: 10, SpawnRate: 10, Duration: time.Minute, Think: Think{Min: time.Second, Max: 10 * time.Second},
		Timeout: 30 * time.Second}
}

// Think is a range of waits, drawn uniformly.
type Think struct{ Min, Max time.Duration }

func (t Think) String() string {
	if t.Min == t.Max {
		return t.Min.String()
	}
	return t.Min.String() + "-" + t.Max.String()
}

// ParseThink reads a think time: "1s-10s", "500ms", or "0" for none.
func ParseThink(s string) (Think, error) {
	lo, hi, ranged := strings.Cut(strings.TrimSpace(s), "-")
	if !ranged {
		hi = lo
	}
	parse := func(v string) (time.Duration, error) {
		if v == "0" {
			return 0, nil
		}
		return time.ParseDuration(strings.TrimSpace(v))
	}
	low, err := parse(lo)
	if err != nil {
		return Think{}, fmt.Errorf("--think %q: %w (use 1s-10s, 500ms or 0)", s, err)
	}
	high, err := parse(hi)
	if err != nil || high < low || low < 0 {
		return Think{}, fmt.Errorf("--think %q: want a duration or a range low-high, like 1s-10s", s)
	}
	return Think{Min: low, Max: high}, nil
}

// Validate checks the options, naming the flag at fault.
func (o Options) Validate() error {
	u, err := url.Parse(o.URL)
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "":
		return fmt.Errorf("--url %q: want the shop's address, like http://localhost:8080", o.URL)
	case o.Users < 1:
		return errors.New("--users: at least 1")
	case o.SpawnRate <= 0:
		return errors.New("--spawn-rate: users per second, more than 0")
	case o.Duration <= 0:
		return errors.New("--duration: more than 0, like 1m")
	case o.Rate < 0:
		return errors.New("--rate: tasks per second, 0 (think time instead) or more")
	case o.Timeout <= 0:
		return errors.New("--timeout: more than 0")
	}
	return nil
}

// pace is how long a user of an open-loop run has for each task.
func (o Options) pace() time.Duration {
	if o.Rate <= 0 {
		return 0
	}
	return time.Duration(float64(o.Users) / o.Rate * float64(time.Second))
}

package gateway

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// cacheRule is a cached route.
type cacheRule struct {
	pattern  string
	segments []string
	ttl      time.Duration
	topics   []string
	// declared: a module of this process declared the route, so this
	// process caches it also when another process forwards it here.
	declared bool
}

// matches reports whether path is an instance of the rule's pattern, where
// ":name" stands for any one non-empty segment.
func (r *cacheRule) matches(path string) bool {
	segments := strings.Split(strings.TrimSuffix(path, "/"), "/")
	if len(segments) != len(r.segments) {
		return false
	}
	for i, s := range r.segments {
		if segments[i] != s && (!strings.HasPrefix(s, ":") || segments[i] == "") {
			return false
		}
	}
	return true
}

// cached is one stored answer.
type cached struct {
	body        []byte
	contentType string
	expires     time.Time
	rule        *cacheRule
}

// responseCache holds answers by URL. Every invalidation bumps gen; an
// answer computed while one happened is not stored, so a response read
// before a price change can never be kept after it.
type responseCache struct {
	rules []*cacheRule
	max   int
	now   func() time.Time

	mu      sync.RWMutex
	entries map[string]*cached
	gen     uint64
}

func newResponseCache(cfg CacheConfig, now func() time.Time) *responseCache {
	rc := &responseCache{max: cfg.MaxEntries, now: now, entries: map[string]*cached{}}
	if !cfg.Enabled {
		return rc
	}
	for name, r := range cfg.Routes {
		if r.TTL > 0 && r.Path != "" {
			rc.rules = append(rc.rules, &cacheRule{pattern: r.Path, segments: strings.Split(strings.TrimSuffix(r.Path, "/"), "/"),
				ttl: r.TTL, topics: r.InvalidatedBy, declared: cfg.isDeclared(name)})
		}
	}
	sort.Slice(rc.rules, func(i, j int) bool { return rc.rules[i].pattern < rc.rules[j].pattern })
	return rc
}

// rule returns the rule caching path, if any.
func (rc *responseCache) rule(path string) (*cacheRule, bool) {
	for _, r := range rc.rules {
		if r.matches(path) {
			return r, true
		}
	}
	return nil, false
}

// topics lists every topic that invalidates some rule, sorted.
func (rc *responseCache) topics() []string {
	var out []string
	for _, r := range rc.rules {
		out = append(out, r.topics...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// get returns the live answer for key, and the generation to store a fresh
// one with.
func (rc *responseCache) get(key string) (*cached, uint64, bool) {
	rc.mu.RLock()
	defer rc.mu.RUnlock()
	e, ok := rc.entries[key]
	if ok && rc.now().Before(e.expires) {
		return e, rc.gen, true
	}
	return nil, rc.gen, false
}

// evictionSample is how many entries a full cache looks at to make room.
const evictionSample = 8

// put stores an answer computed since get returned gen, unless an
// invalidation happened meanwhile. A full cache makes room by dropping one
// of a few entries taken at random, an expired one if there is one among
// them: expired entries nobody asks for again go this way too.
func (rc *responseCache) put(key string, gen uint64, e *cached) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if gen != rc.gen {
		return
	}
	if _, exists := rc.entries[key]; !exists && len(rc.entries) >= rc.max {
		rc.evict()
	}
	e.expires = rc.now().Add(e.rule.ttl)
	rc.entries[key] = e
}

func (rc *responseCache) evict() {
	now := rc.now()
	sampled := 0
	for k, e := range rc.entries {
		sampled++
		if !now.Before(e.expires) || sampled == min(evictionSample, len(rc.entries)) {
			delete(rc.entries, k)
			return
		}
	}
}

// invalidate drops the entries of every rule that topic invalidates.
func (rc *responseCache) invalidate(topic string) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.gen++
	for k, e := range rc.entries {
		if slices.Contains(e.rule.topics, topic) {
			delete(rc.entries, k)
		}
	}
}

// clear drops everything.
func (rc *responseCache) clear() {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.gen++
	clear(rc.entries)
}

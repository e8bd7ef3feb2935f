package bus

import "sort"

// Registry is everything the bus knows, for the console and the
// architecture test: declared endpoints and topics with their owners, where
// each endpoint is served from, and who subscribes to what.
type Registry struct {
	Modules       []string            `json:"modules"`
	Endpoints     []EndpointEntry     `json:"endpoints"`
	Topics        []TopicEntry        `json:"topics"`
	Subscriptions []SubscriptionEntry `json:"subscriptions"`
}

// EndpointEntry is one declared endpoint.
type EndpointEntry struct {
	Name       string `json:"name"`
	Module     string `json:"module"`
	Idempotent bool   `json:"idempotent"`
	// Served is "local", "remote" or "" (declared but unreachable here).
	Served string `json:"served"`
}

// TopicEntry is one declared topic.
type TopicEntry struct {
	Name   string `json:"name"`
	Module string `json:"module"`
}

// SubscriptionEntry is one module subscribed to one topic.
type SubscriptionEntry struct {
	Topic         string `json:"topic"`
	Module        string `json:"module"`
	Transactional bool   `json:"transactional"`
}

// Registry returns a snapshot, sorted by name.
func (b *Bus) Registry() Registry {
	declared.Lock()
	endpoints := make([]*EndpointInfo, 0, len(declared.endpoints))
	for _, e := range declared.endpoints {
		endpoints = append(endpoints, e)
	}
	topics := make([]*TopicInfo, 0, len(declared.topics))
	for _, t := range declared.topics {
		topics = append(topics, t)
	}
	declared.Unlock()

	b.mu.RLock()
	defer b.mu.RUnlock()
	r := Registry{}
	for m := range b.modules {
		r.Modules = append(r.Modules, m)
	}
	for _, e := range endpoints {
		entry := EndpointEntry{Name: e.Name, Module: e.Module, Idempotent: e.Idempotent}
		if _, ok := b.handlers[e.Name]; ok {
			entry.Served = "local"
		} else if _, ok := b.transports[e.Module]; ok {
			entry.Served = "remote"
		}
		r.Endpoints = append(r.Endpoints, entry)
	}
	for _, t := range topics {
		r.Topics = append(r.Topics, TopicEntry{Name: t.Name, Module: t.Module})
	}
	for _, s := range b.subs {
		r.Subscriptions = append(r.Subscriptions, SubscriptionEntry{Topic: s.Topic, Module: s.Module, Transactional: s.Transactional})
	}
	sort.Strings(r.Modules)
	sort.Slice(r.Endpoints, func(i, j int) bool { return r.Endpoints[i].Name < r.Endpoints[j].Name })
	sort.Slice(r.Topics, func(i, j int) bool { return r.Topics[i].Name < r.Topics[j].Name })
	sort.Slice(r.Subscriptions, func(i, j int) bool {
		if r.Subscriptions[i].Topic != r.Subscriptions[j].Topic {
			return r.Subscriptions[i].Topic < r.Subscriptions[j].Topic
		}
		return r.Subscriptions[i].Module < r.Subscriptions[j].Module
	})
	return r
}

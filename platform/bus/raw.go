package bus

import (
	"context"
	"encoding/json"
)

// ConsumeRaw makes module handle every event of the topic named, at least
// once, outside any transaction and undecoded. It is for platform code that
// reacts to a module's events without linking the module's contract (the
// gateway drops cached responses on topics named in its configuration);
// modules use the typed Consume. fn must be idempotent.
func (b *Bus) ConsumeRaw(topic, module string, fn func(ctx context.Context, payload json.RawMessage) error) {
	b.subscribe(&Subscription{
		Topic: topic, Module: module,
		decode: decodeAs[json.RawMessage],
		handle: func(ctx context.Context, _ Tx, e any) error { return fn(ctx, *e.(*json.RawMessage)) },
	})
}

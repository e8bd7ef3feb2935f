package outbox

import (
	"context"
	"encoding/json"
	"fmt"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
	"gorm.io/gorm"

	"github.com/jubako/jubako/platform/bus"
	"github.com/jubako/jubako/platform/db"
	"github.com/jubako/jubako/shared"
)

func init() { bus.SetWriter(publish) }

// publish is the bus's Writer: tx must be the *gorm.DB of the publisher's
// transaction. A span records the publish, and the message carries its
// trace context to the subscribers.
func publish(ctx context.Context, tx bus.Tx, m bus.Message) error {
	g, ok := tx.(*gorm.DB)
	if !ok || g == nil {
		return fmt.Errorf("outbox: publish %s: want the *gorm.DB of a transaction, got %T", m.Topic, tx)
	}
	ctx, span := otel.Tracer("github.com/jubako/jubako").Start(ctx, "publish "+m.Topic, trace.WithSpanKind(trace.SpanKindProducer))
	defer span.End()
	m.Headers = map[string]string{}
	otel.GetTextMapPropagator().Inject(ctx, propagation.MapCarrier(m.Headers))
	_, err := Write(ctx, g, m)
	return err
}

// Write stores m in tx, the publisher's transaction: the message exists if
// and only if the transaction commits. It returns the message id.
//
// When tx belongs to a process whose outbox runs (it was opened by
// db.Transact) and that process serves some of m's queues, those deliveries
// take the fast path: their rows are written in tx too, and right after the
// commit the process runs them in memory, without a Redis round trip. A
// message whose every queue is served here — or an event nobody subscribes
// to — is recorded as dispatched at once and the relay never sees it.
func Write(_ context.Context, tx *gorm.DB, m bus.Message) (string, error) {
	if tx == nil {
		return "", fmt.Errorf("outbox: publish %s: a transaction is required", m.Topic)
	}
	headers, err := json.Marshal(m.Headers)
	if err != nil {
		return "", fmt.Errorf("outbox: encode headers: %w", err)
	}
	now := db.Now()
	available := m.AvailableAt.UTC()
	if available.Before(now) {
		available = now
	}
	row := messageRow{ID: shared.NewID(), Topic: m.Topic, Queue: m.Queue, Payload: string(m.Payload), Headers: string(headers), AvailableAt: available, CreatedAt: now}
	o := running(db.Of(tx))
	local, all := o.fastPath(row)
	if all {
		row.DispatchedAt = &now
	}
	if err := tx.Create(&row).Error; err != nil {
		return "", fmt.Errorf("outbox: write %s: %w", m.Topic, err)
	}
	if row.DispatchedAt == nil {
		db.MarkOutbox(tx)
	}
	if len(local) > 0 {
		if err := o.takeLocally(tx, row, local); err != nil {
			return "", fmt.Errorf("outbox: write %s: %w", m.Topic, err)
		}
	}
	return row.ID, nil
}

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
func Write(_ context.Context, tx *gorm.DB, m bus.Message) (string, error) {
	if tx == nil {
		return "", fmt.Errorf("outbox: publish %s: a transaction is required", m.Topic)
	}
	id := shared.NewID()
	headers, err := json.Marshal(m.Headers)
	if err != nil {
		return "", fmt.Errorf("outbox: encode headers: %w", err)
	}
	now := db.Now()
	available := m.AvailableAt.UTC()
	if available.Before(now) {
		available = now
	}
	row := messageRow{ID: id, Topic: m.Topic, Queue: m.Queue, Payload: string(m.Payload), Headers: string(headers), AvailableAt: available, CreatedAt: now}
	if err := tx.Create(&row).Error; err != nil {
		return "", fmt.Errorf("outbox: write %s: %w", m.Topic, err)
	}
	db.MarkOutbox(tx)
	return id, nil
}

-- +goose Up
-- The console lists the latest messages, whether dispatched or not.
CREATE INDEX jubako_outbox_created ON jubako_outbox (created_at);

-- +goose Down
DROP INDEX jubako_outbox_created;

-- +goose Up
CREATE TABLE jubako_outbox (
    id            TEXT PRIMARY KEY,
    topic         TEXT NOT NULL,
    queue         TEXT NOT NULL DEFAULT '',
    payload       TEXT NOT NULL,
    headers       TEXT NOT NULL DEFAULT '{}',
    available_at  TIMESTAMP NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    dispatched_at TIMESTAMP NULL
);
CREATE INDEX jubako_outbox_undispatched ON jubako_outbox (created_at, id) WHERE dispatched_at IS NULL;
CREATE INDEX jubako_outbox_dispatched ON jubako_outbox (dispatched_at);

CREATE TABLE jubako_outbox_deliveries (
    message_id    TEXT NOT NULL,
    queue         TEXT NOT NULL,
    dispatched_at TIMESTAMP NOT NULL,
    checked_at    TIMESTAMP NULL,
    completed_at  TIMESTAMP NULL,
    dead_at       TIMESTAMP NULL,
    last_error    TEXT NOT NULL DEFAULT '',
    resent        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (message_id, queue)
);
CREATE INDEX jubako_outbox_deliveries_open ON jubako_outbox_deliveries (dispatched_at) WHERE completed_at IS NULL AND dead_at IS NULL;
CREATE INDEX jubako_outbox_deliveries_completed ON jubako_outbox_deliveries (completed_at);

CREATE TABLE jubako_inbox (
    queue      TEXT NOT NULL,
    message_id TEXT NOT NULL,
    handled_at TIMESTAMP NOT NULL,
    PRIMARY KEY (queue, message_id)
);
CREATE INDEX jubako_inbox_handled ON jubako_inbox (handled_at);

-- +goose Down
DROP TABLE jubako_inbox;
DROP TABLE jubako_outbox_deliveries;
DROP TABLE jubako_outbox;

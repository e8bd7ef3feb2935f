-- +goose Up
ALTER TABLE orders_orders ADD COLUMN checkout_mode TEXT NOT NULL DEFAULT 'orchestration';

CREATE TABLE orders_steps (
    order_id    TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    name        TEXT NOT NULL,
    phase       TEXT NOT NULL,
    status      TEXT NOT NULL,
    error       TEXT NOT NULL DEFAULT '',
    module      TEXT NOT NULL,
    event       TEXT NOT NULL,
    trace_id    TEXT NOT NULL DEFAULT '',
    finished_at TIMESTAMP NOT NULL,
    PRIMARY KEY (order_id, seq)
);

-- +goose Down
DROP TABLE orders_steps;
ALTER TABLE orders_orders DROP COLUMN checkout_mode;

-- +goose Up
-- Orders become event-sourced: orders_events is the source of truth, one
-- stream per order; orders_orders and orders_lines stay as the order view,
-- a projection of it, beside two new projections. Written per dialect
-- (see 00003_events.sqlite.sql): on PostgreSQL positions are not assigned
-- in commit order, so each event records its transaction id (xact) and
-- the tailing projections read only below the oldest running one.
CREATE TABLE orders_events (
    position    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stream_id   TEXT NOT NULL,
    version     INTEGER NOT NULL,
    type        TEXT NOT NULL,
    payload     TEXT NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    xact        BIGINT NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
    UNIQUE (stream_id, version)
);
CREATE INDEX orders_events_tail ON orders_events (xact, position);

CREATE TABLE orders_projections (
    name       TEXT PRIMARY KEY,
    xact       BIGINT NOT NULL DEFAULT 0,
    position   BIGINT NOT NULL DEFAULT 0
);
INSERT INTO orders_projections (name) VALUES ('order_view'), ('customer_orders'), ('daily_sales');

ALTER TABLE orders_orders ADD COLUMN version INTEGER NOT NULL DEFAULT 0;

CREATE TABLE orders_customer_orders (
    order_id   TEXT PRIMARY KEY,
    user_id    TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    version    INTEGER NOT NULL,
    document   TEXT NOT NULL
);
CREATE INDEX orders_customer_orders_user ON orders_customer_orders (user_id, created_at);

CREATE TABLE orders_daily_sales (
    day           TEXT NOT NULL,
    product_id    TEXT NOT NULL,
    currency      TEXT NOT NULL,
    name          TEXT NOT NULL,
    orders        BIGINT NOT NULL,
    quantity      BIGINT NOT NULL,
    revenue_units BIGINT NOT NULL,
    revenue_nanos BIGINT NOT NULL,
    PRIMARY KEY (day, product_id, currency)
);

-- Existing orders become their events, placed first. The projections
-- other than the order view start from checkpoint 0: orders builds them
-- from these events when it starts.
INSERT INTO orders_events (stream_id, version, type, payload, occurred_at)
SELECT o.id, 1, 'order_placed', json_build_object(
    'user_id', o.user_id, 'idempotency_key', o.idempotency_key, 'email', o.email, 'currency', o.currency,
    'address', json_build_object('street_address', o.street_address, 'city', o.city, 'state', o.state,
                                 'country', o.country, 'zip_code', o.zip_code),
    'lines', COALESCE((SELECT json_agg(json_build_object('product_id', l.product_id, 'name', l.name, 'quantity', l.quantity,
                          'unit_price', json_build_object('currency_code', o.currency, 'units', l.unit_units, 'nanos', l.unit_nanos))
                          ORDER BY l.product_id)
                       FROM orders_lines l WHERE l.order_id = o.id), '[]'::json),
    'shipping', json_build_object('currency_code', o.currency, 'units', o.shipping_units, 'nanos', o.shipping_nanos),
    'total', json_build_object('currency_code', o.currency, 'units', o.total_units, 'nanos', o.total_nanos),
    'checkout_mode', o.checkout_mode)::text,
    o.created_at
FROM orders_orders o ORDER BY o.created_at, o.id;

-- Then, in each order's stream, the steps of its recorded timeline and
-- its completion or cancellation, in the order they happened.
INSERT INTO orders_events (stream_id, version, type, payload, occurred_at)
SELECT stream_id, 1 + ROW_NUMBER() OVER (PARTITION BY stream_id ORDER BY occurred_at, seq), type, payload, occurred_at
FROM (
    SELECT order_id AS stream_id, seq, 'order_step_recorded' AS type,
           json_build_object('name', name, 'phase', phase, 'status', status, 'error', error, 'module', module,
                       'event', event, 'trace_id', trace_id, 'finished_at', to_char(finished_at, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text AS payload,
           finished_at AS occurred_at
    FROM orders_steps
    UNION ALL
    SELECT id, 2147483647, 'order_completed', json_build_object('tracking_id', tracking_id, 'transaction_id', transaction_id)::text, updated_at
    FROM orders_orders WHERE status = 'COMPLETED'
    UNION ALL
    SELECT id, 2147483647, 'order_cancelled', json_build_object('reason', reason)::text, updated_at
    FROM orders_orders WHERE status = 'CANCELLED'
) later
ORDER BY occurred_at, stream_id, seq;

UPDATE orders_orders SET version = (SELECT MAX(version) FROM orders_events WHERE stream_id = orders_orders.id);

-- +goose Down
DROP TABLE orders_daily_sales;
DROP TABLE orders_customer_orders;
ALTER TABLE orders_orders DROP COLUMN version;
DROP TABLE orders_projections;
DROP TABLE orders_events;

-- +goose Up
CREATE TABLE orders_orders (
    id              TEXT PRIMARY KEY,
    user_id         TEXT NOT NULL,
    idempotency_key TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL,
    email           TEXT NOT NULL,
    currency        TEXT NOT NULL,
    street_address  TEXT NOT NULL,
    city            TEXT NOT NULL,
    state           TEXT NOT NULL,
    country         TEXT NOT NULL,
    zip_code        TEXT NOT NULL,
    shipping_units  BIGINT NOT NULL,
    shipping_nanos  INTEGER NOT NULL,
    total_units     BIGINT NOT NULL,
    total_nanos     INTEGER NOT NULL,
    tracking_id     TEXT NOT NULL DEFAULT '',
    transaction_id  TEXT NOT NULL DEFAULT '',
    reason          TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX orders_orders_user ON orders_orders (user_id, created_at);
CREATE UNIQUE INDEX orders_orders_idempotency ON orders_orders (user_id, idempotency_key) WHERE idempotency_key <> '';

CREATE TABLE orders_lines (
    order_id   TEXT NOT NULL,
    product_id TEXT NOT NULL,
    name       TEXT NOT NULL,
    quantity   INTEGER NOT NULL,
    unit_units BIGINT NOT NULL,
    unit_nanos INTEGER NOT NULL,
    PRIMARY KEY (order_id, product_id)
);

-- +goose Down
DROP TABLE orders_lines;
DROP TABLE orders_orders;

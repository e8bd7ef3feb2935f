-- +goose Up
CREATE TABLE shipping_shipments (
    key            TEXT PRIMARY KEY,
    tracking_id    TEXT NOT NULL UNIQUE,
    reference      TEXT NOT NULL,
    status         TEXT NOT NULL,
    street_address TEXT NOT NULL,
    city           TEXT NOT NULL,
    state          TEXT NOT NULL,
    country        TEXT NOT NULL,
    zip_code       TEXT NOT NULL,
    items          TEXT NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    updated_at     TIMESTAMP NOT NULL
);
CREATE INDEX shipping_shipments_reference ON shipping_shipments (reference, created_at);

-- +goose Down
DROP TABLE shipping_shipments;

-- +goose Up
-- A row without a tracking id is a tombstone: Cancel of a key never shipped
-- records it as CANCELLED, so a late Ship of the key conflicts with it and
-- ships nothing. UNIQUE allows any number of NULLs on SQLite and PostgreSQL.
CREATE TABLE shipping_shipments (
    key            TEXT PRIMARY KEY,
    tracking_id    TEXT UNIQUE,
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

-- +goose Up
CREATE TABLE inventory_stock (
    product_id TEXT PRIMARY KEY,
    on_hand    BIGINT NOT NULL,
    reserved   BIGINT NOT NULL,
    sold       BIGINT NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

-- A reservation without lines is a tombstone: Release of a key never
-- reserved records it as RELEASED, so a late Reserve of the key conflicts
-- with it and takes nothing.
CREATE TABLE inventory_reservations (
    key        TEXT PRIMARY KEY,
    reference  TEXT NOT NULL,
    status     TEXT NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE INDEX inventory_reservations_due ON inventory_reservations (status, expires_at);

CREATE TABLE inventory_reservation_lines (
    reservation_key TEXT NOT NULL,
    product_id      TEXT NOT NULL,
    quantity        INTEGER NOT NULL,
    PRIMARY KEY (reservation_key, product_id)
);

-- +goose Down
DROP TABLE inventory_reservation_lines;
DROP TABLE inventory_reservations;
DROP TABLE inventory_stock;

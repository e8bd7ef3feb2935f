-- +goose Up
-- What shipping keeps of a placed choreographed order until it ships it:
-- the address and the items. A row marked charged, with no address, is an
-- order charged before its placement reached shipping: the placement ships
-- it. A row marked closed is a tombstone: the order failed before its
-- shipment (so a late placement keeps nothing), and its address and items
-- are emptied.
CREATE TABLE shipping_orders (
    order_id       TEXT PRIMARY KEY,
    street_address TEXT NOT NULL,
    city           TEXT NOT NULL,
    state          TEXT NOT NULL,
    country        TEXT NOT NULL,
    zip_code       TEXT NOT NULL,
    items          TEXT NOT NULL,
    closed         BOOLEAN NOT NULL,
    charged        BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at     TIMESTAMP NOT NULL
);

-- +goose Down
DROP TABLE shipping_orders;

-- +goose Up
CREATE TABLE cart_items (
    user_id    TEXT NOT NULL,
    product_id TEXT NOT NULL,
    quantity   INTEGER NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, product_id)
);

-- +goose Down
DROP TABLE cart_items;

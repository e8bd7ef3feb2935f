-- +goose Up
CREATE TABLE IF NOT EXISTS public.cart_items (product_id TEXT);

-- +goose Down
DROP TABLE cart_items;

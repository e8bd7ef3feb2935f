-- +goose Up
CREATE TABLE catalog_products (id TEXT PRIMARY KEY);
CREATE TABLE products (id TEXT PRIMARY KEY);
create table if not exists "cart_items" (id TEXT);
CREATE TABLE
    catalogue_prices (id TEXT);

-- +goose Down
DROP TABLE products;

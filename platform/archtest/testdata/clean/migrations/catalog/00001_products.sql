-- +goose Up
CREATE TABLE catalog_products (id TEXT PRIMARY KEY);
create table if not exists "catalog_prices" (id TEXT PRIMARY KEY);

-- +goose Down
DROP TABLE catalog_prices;
DROP TABLE catalog_products;

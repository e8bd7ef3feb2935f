-- +goose Up
CREATE TABLE catalog_products (id TEXT PRIMARY KEY);

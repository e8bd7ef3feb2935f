-- +goose Up
CREATE TABLE orders_orders (id TEXT PRIMARY KEY);

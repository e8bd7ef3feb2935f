-- +goose Up
CREATE TABLE cart_items (product_id TEXT);

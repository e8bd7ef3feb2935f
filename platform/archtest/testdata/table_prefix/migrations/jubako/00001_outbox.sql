-- +goose Up
CREATE TABLE outbox (id TEXT PRIMARY KEY);

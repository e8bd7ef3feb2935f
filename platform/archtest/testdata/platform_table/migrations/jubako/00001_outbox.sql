-- +goose Up
CREATE TABLE jubako_outbox (id TEXT PRIMARY KEY);
CREATE TABLE jubako_outbox_deliveries (message_id TEXT);

-- +goose Up
-- A delivery this process runs in memory right after its commit names its
-- owner (the process); the sweeper re-sends those of owners that died.
ALTER TABLE jubako_outbox_deliveries ADD COLUMN owner TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE jubako_outbox_deliveries DROP COLUMN owner;

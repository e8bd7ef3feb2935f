-- +goose Up
-- The tries of a saga's current step that an open circuit breaker refused:
-- they never reached the provider, so the attempt limit does not count them.
ALTER TABLE jubako_sagas ADD COLUMN refused INTEGER NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE jubako_sagas DROP COLUMN refused;

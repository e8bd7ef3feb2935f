-- +goose Up
-- Sagas name their current step by ID instead of its position, so a deploy
-- that inserts, removes or reorders steps cannot send them elsewhere. Rows
-- written before keep their position in legacy_step with step_id empty; the
-- engine gives them a step ID, their done steps and their pivot from that
-- position, with the definition that wrote them (version 1), when it first
-- touches them.
ALTER TABLE jubako_sagas RENAME COLUMN step TO legacy_step;
ALTER TABLE jubako_sagas ADD COLUMN step_id TEXT NOT NULL DEFAULT '';
ALTER TABLE jubako_sagas ADD COLUMN def_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE jubako_sagas ADD COLUMN done TEXT NOT NULL DEFAULT '[]';
ALTER TABLE jubako_sagas ADD COLUMN pivoted BOOLEAN NOT NULL DEFAULT FALSE;

-- +goose Down
-- Rows written since the Up hold no position: run it with no saga running.
ALTER TABLE jubako_sagas DROP COLUMN pivoted;
ALTER TABLE jubako_sagas DROP COLUMN done;
ALTER TABLE jubako_sagas DROP COLUMN def_version;
ALTER TABLE jubako_sagas DROP COLUMN step_id;
ALTER TABLE jubako_sagas RENAME COLUMN legacy_step TO step;

-- +goose Up
-- CREATE TABLE outbox_in_a_comment is ignored.
CREATE TABLE jubako_outbox (id TEXT PRIMARY KEY);
/* CREATE TABLE nor in a block comment */
CREATE TABLE jubako_inbox (message_id TEXT PRIMARY KEY);

-- +goose Down
DROP TABLE jubako_inbox;
DROP TABLE jubako_outbox;

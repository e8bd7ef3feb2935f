-- +goose Up
CREATE TABLE notification_mails (
    id        TEXT PRIMARY KEY,
    key       TEXT NOT NULL UNIQUE,
    order_id  TEXT NOT NULL,
    kind      TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject   TEXT NOT NULL,
    body      TEXT NOT NULL,
    sent_at   TIMESTAMP NOT NULL
);
CREATE INDEX notification_mails_order ON notification_mails (order_id, sent_at);

-- +goose Down
DROP TABLE notification_mails;

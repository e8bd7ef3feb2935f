-- +goose Up
-- kind is charge, refund or void. A void is the tombstone of a charge key
-- refunded before any charge: it holds the charge's key, so a late charge
-- conflicts with it, and moves no money (zero amount, empty currency,
-- reference, transaction id and card).
CREATE TABLE payment_ledger (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,
    key             TEXT NOT NULL UNIQUE,
    transaction_id  TEXT NOT NULL,
    reference       TEXT NOT NULL,
    amount_currency TEXT NOT NULL,
    amount_units    BIGINT NOT NULL,
    amount_nanos    INTEGER NOT NULL,
    card_type       TEXT NOT NULL,
    card_last4      TEXT NOT NULL,
    created_at      TIMESTAMP NOT NULL
);

CREATE INDEX payment_ledger_reference ON payment_ledger (reference, id);

-- +goose Down
DROP TABLE payment_ledger;

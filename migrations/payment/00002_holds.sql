-- +goose Up
-- A hold keeps the card a choreographed checkout will charge, under the
-- order id, until the charge, the checkout's failure or the hold's expiry
-- deletes it: the only place payment keeps a whole card number.
CREATE TABLE payment_holds (
    reference        TEXT PRIMARY KEY,
    amount_currency  TEXT NOT NULL,
    amount_units     BIGINT NOT NULL,
    amount_nanos     INTEGER NOT NULL,
    card_number      TEXT NOT NULL,
    card_cvv         INTEGER NOT NULL,
    expiration_year  INTEGER NOT NULL,
    expiration_month INTEGER NOT NULL,
    held_at          TIMESTAMP NOT NULL
);

CREATE INDEX payment_holds_held_at ON payment_holds (held_at);

-- +goose Down
DROP TABLE payment_holds;

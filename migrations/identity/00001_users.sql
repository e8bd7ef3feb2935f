-- +goose Up
CREATE TABLE identity_users (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX identity_users_role ON identity_users (role);

-- +goose Down
DROP TABLE identity_users;

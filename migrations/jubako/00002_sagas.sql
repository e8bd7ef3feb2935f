-- +goose Up
CREATE TABLE jubako_sagas (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    module      TEXT NOT NULL,
    status      TEXT NOT NULL,
    phase       TEXT NOT NULL,
    step        INTEGER NOT NULL,
    attempt     INTEGER NOT NULL,
    stuck       BOOLEAN NOT NULL DEFAULT FALSE,
    state       TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    last_error  TEXT NOT NULL DEFAULT '',
    trace_id    TEXT NOT NULL DEFAULT '',
    deadline    TIMESTAMP NOT NULL,
    version     INTEGER NOT NULL DEFAULT 0,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP NULL
);
CREATE INDEX jubako_sagas_status ON jubako_sagas (status, updated_at);
CREATE INDEX jubako_sagas_created ON jubako_sagas (created_at);

CREATE TABLE jubako_saga_steps (
    saga_id     TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    step        TEXT NOT NULL,
    phase       TEXT NOT NULL,
    status      TEXT NOT NULL,
    attempt     INTEGER NOT NULL,
    error       TEXT NOT NULL DEFAULT '',
    started_at  TIMESTAMP NOT NULL,
    finished_at TIMESTAMP NOT NULL,
    PRIMARY KEY (saga_id, seq)
);

-- +goose Down
DROP TABLE jubako_saga_steps;
DROP TABLE jubako_sagas;

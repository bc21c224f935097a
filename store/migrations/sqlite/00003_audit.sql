-- +goose Up
-- The audit log. seq is assigned by the store as max(seq)+1 inside the
-- locked append transaction (not by AUTOINCREMENT), so a rolled-back append
-- can never leave a gap that verification would mistake for a deletion.
CREATE TABLE audit_events (
    seq INTEGER PRIMARY KEY CHECK (seq > 0),
    at TEXT NOT NULL,
    actor_id TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL,
    resource TEXT NOT NULL,
    resource_id TEXT NOT NULL DEFAULT '',
    programme_id TEXT NOT NULL DEFAULT '',
    addr TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_events_actor ON audit_events (actor_id, seq);
CREATE INDEX audit_events_programme ON audit_events (programme_id, seq);
CREATE INDEX audit_events_at ON audit_events (at);

-- Append-only: nothing may change or remove an entry through SQL.
-- +goose StatementBegin
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only: entries cannot be changed');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only: entries cannot be deleted');
END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE audit_events;

-- +goose Up
-- The audit log. seq is assigned by the store as max(seq)+1 while holding a
-- transaction-scoped advisory lock (not by a sequence, whose values a
-- rolled-back append would burn), so the chain's seqs stay contiguous and a
-- gap always means a deletion.
CREATE TABLE audit_events (
    seq BIGINT PRIMARY KEY CHECK (seq > 0),
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

-- Append-only: UPDATE, DELETE and TRUNCATE are refused for every role,
-- the owner included (only a superuser or the owner disabling the trigger
-- gets round it, and that is what the hash chain is for).
-- +goose StatementBegin
CREATE FUNCTION audit_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

-- Other roles (a read-only reporting role, say) get no way to change it.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM PUBLIC;

-- +goose Down
DROP TABLE audit_events;
DROP FUNCTION audit_events_append_only();

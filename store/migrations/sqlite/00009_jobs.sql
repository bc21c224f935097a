-- +goose Up
-- Import jobs: a large capture file is imported in the background and its
-- progress kept here, so that any server can show the progress page.
-- result is the import's summary as JSON; error is text safe to show.
CREATE TABLE import_jobs (
    id TEXT PRIMARY KEY,
    programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    created_by TEXT NOT NULL DEFAULT '',
    file_name TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    stage TEXT NOT NULL DEFAULT '',
    done_rows INTEGER NOT NULL DEFAULT 0,
    total_rows INTEGER NOT NULL DEFAULT 0,
    result TEXT NOT NULL DEFAULT '',
    error TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
-- The start-up sweep looks for unfinished jobs that stopped being updated.
CREATE INDEX import_jobs_unfinished ON import_jobs (status, updated_at);

-- +goose Down
DROP TABLE import_jobs;

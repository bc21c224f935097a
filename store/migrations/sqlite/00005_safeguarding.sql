-- +goose Up
-- Safeguarding concerns. Notes hold sealed bytes (crypt package), never
-- plain text. A concern outlives its contribution: if the contribution is
-- deleted (withdrawal, retention) the link is cleared, the concern stays.
CREATE TABLE safeguarding_concerns (
    id TEXT PRIMARY KEY,
    programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    contribution_id TEXT REFERENCES contributions(id) ON DELETE SET NULL,
    session_id TEXT REFERENCES sessions(id) ON DELETE SET NULL,
    categories TEXT NOT NULL DEFAULT '[]',
    reasons TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL CHECK (status IN ('raised', 'assessed', 'referred', 'closed')),
    raised_by TEXT NOT NULL,
    raised_at TEXT NOT NULL,
    assessed_at TEXT,
    referred_to TEXT NOT NULL DEFAULT '',
    referred_at TEXT,
    closed_at TEXT,
    notes BLOB
);
-- One concern per contribution, which makes opening one idempotent.
CREATE UNIQUE INDEX safeguarding_concerns_contribution ON safeguarding_concerns (contribution_id);
CREATE INDEX safeguarding_concerns_programme ON safeguarding_concerns (programme_id, status, raised_at);

-- Every deletion made by retention or withdrawal, so that it can be made
-- again after a restore. No foreign keys: entries must outlive the rows
-- they name.
CREATE TABLE deletions (
    programme_id TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    deleted_at TEXT NOT NULL,
    PRIMARY KEY (kind, record_id)
);
CREATE INDEX deletions_programme ON deletions (programme_id, kind);

-- +goose Down
DROP TABLE deletions;
DROP TABLE safeguarding_concerns;

-- +goose Up
-- Analysts' redaction decisions per programme: phrases to keep (allow) and
-- phrases always to redact as a category (deny). Phrases are stored
-- normalised (lower case, single spaces), as redaction matches them.
CREATE TABLE redaction_rules (
    id TEXT PRIMARY KEY,
    programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    phrase TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('allow', 'deny')),
    category TEXT NOT NULL DEFAULT '',
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    UNIQUE (programme_id, phrase, kind)
);

-- +goose Down
DROP TABLE redaction_rules;

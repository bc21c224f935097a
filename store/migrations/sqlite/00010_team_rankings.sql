-- +goose Up
-- Team rankings: each team's ranked ideas from a team-work activity, as
-- typed up from the team work sheet. idea is redacted text. source_key
-- makes a re-imported row replace itself rather than add again.
CREATE TABLE team_rankings (
    id TEXT PRIMARY KEY,
    activity_id TEXT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    team TEXT NOT NULL,
    rank INTEGER NOT NULL CHECK (rank BETWEEN 1 AND 99),
    idea TEXT NOT NULL,
    source_key TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX team_rankings_source_key ON team_rankings (activity_id, source_key);

-- +goose Down
DROP TABLE team_rankings;

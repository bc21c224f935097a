-- +goose Up
CREATE TABLE dot_votes (
    id TEXT PRIMARY KEY,
    activity_id TEXT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    participant_id TEXT REFERENCES participants(id) ON DELETE CASCADE,
    option TEXT NOT NULL,
    dots INTEGER NOT NULL CHECK (dots >= 0)
);
CREATE INDEX dot_votes_activity ON dot_votes (activity_id);

-- +goose Down
DROP TABLE dot_votes;

-- +goose Up
CREATE TABLE facilitator_training (
    id TEXT PRIMARY KEY,
    facilitator_id TEXT NOT NULL REFERENCES facilitators(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    completed_on TEXT NOT NULL,
    expires_on TEXT NOT NULL DEFAULT ''
);
CREATE INDEX facilitator_training_facilitator ON facilitator_training (facilitator_id);

CREATE TABLE facilitator_clearances (
    facilitator_id TEXT NOT NULL REFERENCES facilitators(id) ON DELETE CASCADE,
    site_id TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('requested', 'granted', 'expired', 'refused')),
    expires_on TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (facilitator_id, site_id)
);

CREATE TABLE facilitator_unavailable (
    facilitator_id TEXT NOT NULL REFERENCES facilitators(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    PRIMARY KEY (facilitator_id, date)
);

CREATE TABLE session_debriefs (
    session_id TEXT PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
    how_it_went TEXT NOT NULL,
    wellbeing TEXT NOT NULL,
    follow_up BOOLEAN NOT NULL DEFAULT FALSE,
    notes TEXT NOT NULL DEFAULT '',
    recorded_by TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
);

CREATE TABLE facilitator_payments (
    id TEXT PRIMARY KEY,
    programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    facilitator_id TEXT NOT NULL REFERENCES facilitators(id),
    session_id TEXT REFERENCES sessions(id) ON DELETE SET NULL,
    kind TEXT NOT NULL CHECK (kind IN ('fee', 'expense')),
    amount_pence INTEGER NOT NULL CHECK (amount_pence > 0),
    date TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT ''
);
CREATE INDEX facilitator_payments_programme ON facilitator_payments (programme_id, date);

CREATE TABLE activity_statements (
    activity_id TEXT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    statement_id TEXT NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    PRIMARY KEY (activity_id, statement_id)
);

-- +goose Down
DROP TABLE activity_statements;
DROP TABLE facilitator_payments;
DROP TABLE session_debriefs;
DROP TABLE facilitator_unavailable;
DROP TABLE facilitator_clearances;
DROP TABLE facilitator_training;

-- +goose Up
CREATE TABLE programmes (
    id TEXT PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    commissioner TEXT NOT NULL DEFAULT '',
    purpose TEXT NOT NULL DEFAULT '',
    template TEXT NOT NULL DEFAULT '',
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    target_participants INTEGER NOT NULL DEFAULT 0,
    target_sites INTEGER NOT NULL DEFAULT 0,
    target_sessions INTEGER NOT NULL DEFAULT 0,
    suppression_threshold INTEGER NOT NULL DEFAULT 5 CHECK (suppression_threshold >= 3),
    retention_days INTEGER NOT NULL DEFAULT 365,
    withdrawal_cutoff TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE TABLE strategic_areas (
    id TEXT PRIMARY KEY,
    programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    questions TEXT NOT NULL DEFAULT '[]',
    position INTEGER NOT NULL DEFAULT 0,
    UNIQUE (programme_id, key)
);

CREATE TABLE sites (
    id TEXT PRIMARY KEY,
    programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    region TEXT NOT NULL DEFAULT '',
    contact TEXT NOT NULL DEFAULT '',
    security_notes TEXT NOT NULL DEFAULT '',
    UNIQUE (programme_id, name)
);

CREATE TABLE facilitators (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    lived_experience TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);

CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    site_id TEXT NOT NULL REFERENCES sites(id),
    title TEXT NOT NULL,
    date TEXT NOT NULL,
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL DEFAULT '',
    lead_facilitator_id TEXT NOT NULL REFERENCES facilitators(id),
    co_facilitator_id TEXT REFERENCES facilitators(id),
    target_group TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    check_code TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX sessions_programme ON sessions (programme_id, date);

CREATE TABLE activities (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    area_id TEXT REFERENCES strategic_areas(id),
    title TEXT NOT NULL,
    prompt TEXT NOT NULL DEFAULT '',
    minutes INTEGER NOT NULL,
    position INTEGER NOT NULL
);
CREATE INDEX activities_session ON activities (session_id, position);

CREATE TABLE participants (
    id TEXT PRIMARY KEY,
    programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    site_id TEXT REFERENCES sites(id),
    consent_take_part INTEGER NOT NULL DEFAULT 0,
    consent_quote INTEGER NOT NULL DEFAULT 0,
    consent_media INTEGER NOT NULL DEFAULT 0,
    consent_on TEXT NOT NULL DEFAULT '',
    consent_facilitator_id TEXT REFERENCES facilitators(id),
    age_band TEXT NOT NULL DEFAULT '',
    gender TEXT NOT NULL DEFAULT '',
    ethnicity TEXT NOT NULL DEFAULT '',
    sentence_stage TEXT NOT NULL DEFAULT '',
    external_ref TEXT NOT NULL DEFAULT '',
    withdrawn_at TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (programme_id, code)
);

CREATE TABLE attendance (
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    PRIMARY KEY (session_id, participant_id)
);

CREATE TABLE contributions (
    id TEXT PRIMARY KEY,
    programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    session_id TEXT REFERENCES sessions(id),
    activity_id TEXT REFERENCES activities(id),
    area_id TEXT REFERENCES strategic_areas(id),
    participant_id TEXT REFERENCES participants(id),
    team TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    raw_text BLOB,
    review TEXT NOT NULL DEFAULT 'pending',
    flagged INTEGER NOT NULL DEFAULT 0,
    source TEXT NOT NULL DEFAULT '',
    source_key TEXT,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX contributions_source_key ON contributions (programme_id, source_key);
CREATE INDEX contributions_programme_area ON contributions (programme_id, area_id, session_id);
CREATE INDEX contributions_session ON contributions (session_id);
CREATE INDEX contributions_participant ON contributions (participant_id);

CREATE TABLE statements (
    id TEXT PRIMARY KEY,
    programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    area_id TEXT REFERENCES strategic_areas(id),
    text TEXT NOT NULL,
    moderation INTEGER NOT NULL DEFAULT 0,
    external_ref TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    UNIQUE (programme_id, number)
);

CREATE TABLE votes (
    statement_id TEXT NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
    value INTEGER NOT NULL CHECK (value IN (-1, 0, 1)),
    created_at TEXT NOT NULL,
    PRIMARY KEY (statement_id, participant_id)
);
CREATE INDEX votes_participant ON votes (participant_id);

CREATE TABLE debate_votes (
    id TEXT PRIMARY KEY,
    activity_id TEXT NOT NULL REFERENCES activities(id) ON DELETE CASCADE,
    participant_id TEXT REFERENCES participants(id),
    phase TEXT NOT NULL CHECK (phase IN ('before', 'after')),
    position TEXT NOT NULL CHECK (position IN ('for', 'against', 'undecided')),
    count INTEGER NOT NULL CHECK (count >= 0)
);
CREATE INDEX debate_votes_activity ON debate_votes (activity_id);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL DEFAULT '',
    totp_secret TEXT NOT NULL DEFAULT '',
    is_admin INTEGER NOT NULL DEFAULT 0,
    facilitator_id TEXT REFERENCES facilitators(id),
    created_at TEXT NOT NULL
);

CREATE TABLE memberships (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    PRIMARY KEY (user_id, programme_id, role)
);

-- +goose Down
DROP TABLE memberships;
DROP TABLE users;
DROP TABLE debate_votes;
DROP TABLE votes;
DROP TABLE statements;
DROP TABLE contributions;
DROP TABLE attendance;
DROP TABLE participants;
DROP TABLE activities;
DROP TABLE sessions;
DROP TABLE facilitators;
DROP TABLE sites;
DROP TABLE strategic_areas;
DROP TABLE programmes;

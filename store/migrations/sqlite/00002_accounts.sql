-- +goose Up
-- The last TOTP time step a user signed in with: a code works once.
ALTER TABLE users ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;

-- Web sessions are held in the database so that several servers share them.
-- Only the SHA-256 of the cookie token is stored.
CREATE TABLE web_sessions (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    mfa_done INTEGER NOT NULL DEFAULT 0,
    pending_totp TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL
);
CREATE INDEX web_sessions_user ON web_sessions (user_id);

-- API bearer tokens, stored hashed, each with an expiry.
CREATE TABLE api_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- One-time invitation links; the token in the link is stored hashed.
CREATE TABLE invitations (
    token_hash TEXT PRIMARY KEY,
    email TEXT NOT NULL,
    programme_id TEXT REFERENCES programmes(id) ON DELETE CASCADE,
    role TEXT NOT NULL DEFAULT '',
    is_admin INTEGER NOT NULL DEFAULT 0,
    invited_by TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);

-- One-time recovery codes for TOTP, stored hashed.
CREATE TABLE recovery_codes (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at TEXT,
    PRIMARY KEY (user_id, code_hash)
);

-- Failed sign-ins, keyed by account or by address, for rate limiting
-- shared by every server.
CREATE TABLE login_failures (
    key TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (key, at);

-- +goose Down
DROP TABLE login_failures;
DROP TABLE recovery_codes;
DROP TABLE invitations;
DROP TABLE api_tokens;
DROP TABLE web_sessions;
ALTER TABLE users DROP COLUMN totp_last_step;

-- Browser console sessions (backend-for-frontend). The cookie holds a random 256-bit value; only its SHA-256 is
-- stored, so a copy of this table signs nobody in. Tokens are never stored: the gateway mints a short-lived one for the
-- session's user when it calls the API on the user's behalf. Sign-out deletes the row; expired rows are purged.
CREATE TABLE console_session (
    id_hash       TEXT PRIMARY KEY,
    user_id       UUID        NOT NULL,
    username      TEXT        NOT NULL,
    csrf_token    TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    last_seen_at  TIMESTAMPTZ NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX console_session_user ON console_session (user_id);
CREATE INDEX console_session_expiry ON console_session (expires_at);

-- The dashboard's own tables (users, sessions, notices, alerts). They have their own Flyway
-- history table (dashboard_schema_history), so this sequence never collides with the
-- ingest store's migrations in the same database.

CREATE TABLE hub_user (
    username      TEXT PRIMARY KEY,
    role          TEXT NOT NULL CHECK (role IN ('HEAD_OFFICE', 'OFFICE_MANAGER', 'STAFF')),
    office        TEXT,
    password_hash TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    CHECK ((role = 'HEAD_OFFICE' AND office IS NULL) OR (role <> 'HEAD_OFFICE' AND office IS NOT NULL))
);

-- Only a hash of the session token is stored: a copy of the database does not log anyone in.
CREATE TABLE hub_session (
    token_hash TEXT PRIMARY KEY,
    username   TEXT NOT NULL REFERENCES hub_user (username) ON DELETE CASCADE,
    csrf       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX hub_session_expiry ON hub_session (expires_at);

CREATE TABLE notice (
    id           TEXT PRIMARY KEY,
    body         TEXT NOT NULL,          -- the protocol Notice as JSON
    offices      TEXT NOT NULL,          -- comma-separated office ids; empty = all offices
    created_by   TEXT NOT NULL,
    created_at   INTEGER NOT NULL,       -- epoch milliseconds (UTC)
    starts_at    INTEGER NOT NULL,
    ends_at      INTEGER NOT NULL,
    withdrawn_at INTEGER,
    withdrawn_by TEXT
);
CREATE INDEX notice_end ON notice (ends_at);

CREATE TABLE alert (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,
    office        TEXT NOT NULL,
    device        TEXT,
    counter       INTEGER,
    ticket_number TEXT,
    detail        TEXT,
    raised_at     INTEGER NOT NULL,
    last_at       INTEGER NOT NULL,
    occurrences   INTEGER NOT NULL DEFAULT 1,
    dedupe_key    TEXT NOT NULL,
    handled_by    TEXT,
    handled_at    INTEGER
);
CREATE INDEX alert_dedupe ON alert (dedupe_key, last_at);
CREATE INDEX alert_time ON alert (raised_at);

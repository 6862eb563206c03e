-- The web side's tables (users, sessions, notices, alerts and the alerts' cursor), until now
-- migrated from db/dashboard with a history of their own (dashboard_schema_history). One history
-- for the whole hub file from here on: on a database made before, the tables exist already
-- (IF NOT EXISTS keeps them and their rows) and the old history table goes.

CREATE TABLE IF NOT EXISTS hub_user (
    username      TEXT PRIMARY KEY,
    role          TEXT NOT NULL CHECK (role IN ('HEAD_OFFICE', 'OFFICE_MANAGER', 'STAFF')),
    office        TEXT,
    password_hash TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    CHECK ((role = 'HEAD_OFFICE' AND office IS NULL) OR (role <> 'HEAD_OFFICE' AND office IS NOT NULL))
);

-- Only a hash of the session token is stored: a copy of the database does not log anyone in.
CREATE TABLE IF NOT EXISTS hub_session (
    token_hash TEXT PRIMARY KEY,
    username   TEXT NOT NULL REFERENCES hub_user (username) ON DELETE CASCADE,
    csrf       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS hub_session_expiry ON hub_session (expires_at);

CREATE TABLE IF NOT EXISTS notice (
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
CREATE INDEX IF NOT EXISTS notice_end ON notice (ends_at);

CREATE TABLE IF NOT EXISTS alert (
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
CREATE INDEX IF NOT EXISTS alert_dedupe ON alert (dedupe_key, last_at);
CREATE INDEX IF NOT EXISTS alert_time ON alert (raised_at);

-- How far the alerts have been derived from the stored events (event.id, the arrival order).
-- Moved in the same transaction as the alerts it raised, so a crash between the ingest's
-- commit and the alerts loses none: the next start resumes after the cursor.
CREATE TABLE IF NOT EXISTS alert_cursor (
    name     TEXT PRIMARY KEY,
    event_id INTEGER NOT NULL
);

DROP TABLE IF EXISTS dashboard_schema_history;

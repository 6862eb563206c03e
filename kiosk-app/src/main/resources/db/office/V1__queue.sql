-- The office node's store. Instants are epoch milliseconds (UTC); office days are ISO dates
-- computed in the office's zone.
CREATE TABLE node_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE tickets (
    id               INTEGER PRIMARY KEY,
    ticket_id        TEXT    NOT NULL UNIQUE,          -- 2026-11-22/A023
    office_day       TEXT    NOT NULL,
    category         TEXT    NOT NULL,
    number           INTEGER NOT NULL,                 -- 1..999 within office day and category
    state            TEXT    NOT NULL,
    issued_at        INTEGER NOT NULL,                 -- original issue time, kept across a transfer
    counter          INTEGER,
    called_at        INTEGER,
    serving_at       INTEGER,
    ended_at         INTEGER,
    people_ahead     INTEGER,
    estimate_minutes INTEGER,
    transferred_from TEXT,
    rating           TEXT,
    UNIQUE (office_day, category, number)
);
CREATE INDEX tickets_queue ON tickets (office_day, state, category, issued_at, id);

CREATE TABLE counters (
    number         INTEGER PRIMARY KEY,
    open           INTEGER NOT NULL DEFAULT 0,
    current_ticket TEXT,                               -- CALLED or SERVING here now
    last_ticket    TEXT                                -- the last one finished here (for RATE)
);

CREATE TABLE events (
    seq        INTEGER PRIMARY KEY,                    -- gap-free, monotonic
    event_id   TEXT    NOT NULL UNIQUE,
    type       TEXT    NOT NULL,
    at         INTEGER NOT NULL,
    office_day TEXT    NOT NULL,
    ticket_id  TEXT    NOT NULL,
    payload    BLOB    NOT NULL                        -- the OfficeEvent JSON, published as is
);
CREATE INDEX events_day_type ON events (office_day, type, seq);

CREATE TABLE outbox (
    seq     INTEGER PRIMARY KEY REFERENCES events (seq),
    sent_at INTEGER                                    -- set on PUBACK
);
CREATE INDEX outbox_pending ON outbox (seq) WHERE sent_at IS NULL;

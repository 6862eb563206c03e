-- Every event once per (office, seq). The rowid is the arrival order: a time-ordered key,
-- so inserts append instead of landing at random places in the B-tree.
CREATE TABLE event (
    id          INTEGER PRIMARY KEY,
    office      TEXT    NOT NULL,
    seq         INTEGER NOT NULL,
    event_id    TEXT    NOT NULL,
    type        TEXT    NOT NULL,
    at_ms       INTEGER NOT NULL,
    office_day  TEXT    NOT NULL,
    ticket_id   TEXT    NOT NULL,
    category    TEXT    NOT NULL,
    counter     INTEGER,
    payload     TEXT    NOT NULL,
    received_ms INTEGER NOT NULL,
    UNIQUE (office, seq)
);

-- Per office: every seq up to contiguous_seq is stored; max_seq is the highest seen.
CREATE TABLE office (
    office           TEXT PRIMARY KEY,
    contiguous_seq   INTEGER NOT NULL,
    max_seq          INTEGER NOT NULL,
    last_event_at_ms INTEGER NOT NULL,
    last_received_ms INTEGER NOT NULL
) WITHOUT ROWID;

-- What the hub knows of each ticket (ticket_id starts with the office-day: time-ordered).
CREATE TABLE ticket (
    office          TEXT    NOT NULL,
    ticket_id       TEXT    NOT NULL,
    category        TEXT    NOT NULL,
    issued_at_ms    INTEGER NOT NULL,
    called_at_ms    INTEGER,
    started_at_ms   INTEGER,
    finished_at_ms  INTEGER,
    service_counter INTEGER,
    service_counted INTEGER NOT NULL,
    state           TEXT    NOT NULL,
    state_seq       INTEGER NOT NULL,
    PRIMARY KEY (office, ticket_id)
) WITHOUT ROWID;

-- Rollups: one row per office-day x category x counter (0 = no counter), kept current on ingest.
CREATE TABLE rollup_day (
    office         TEXT    NOT NULL,
    office_day     TEXT    NOT NULL,
    category       TEXT    NOT NULL,
    counter        INTEGER NOT NULL,
    issued         INTEGER NOT NULL,
    transfers_in   INTEGER NOT NULL,
    transfers_out  INTEGER NOT NULL,
    waits          INTEGER NOT NULL,
    wait_sum_ms    INTEGER NOT NULL,
    wait_max_ms    INTEGER NOT NULL,
    wait_hist      BLOB    NOT NULL,
    recalls        INTEGER NOT NULL,
    no_shows       INTEGER NOT NULL,
    served         INTEGER NOT NULL,
    service_sum_ms INTEGER NOT NULL,
    service_max_ms INTEGER NOT NULL,
    cancelled      INTEGER NOT NULL,
    rating_1       INTEGER NOT NULL,
    rating_2       INTEGER NOT NULL,
    rating_3       INTEGER NOT NULL,
    rating_4       INTEGER NOT NULL,
    PRIMARY KEY (office, office_day, category, counter)
) WITHOUT ROWID;

-- The latest status of each device (retained on the broker; kept here across restarts).
CREATE TABLE device_status (
    office      TEXT    NOT NULL,
    device      TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    online      INTEGER NOT NULL,
    at_ms       INTEGER NOT NULL,
    version     TEXT    NOT NULL,
    printer     TEXT,
    detail      TEXT,
    received_ms INTEGER NOT NULL,
    PRIMARY KEY (office, device)
) WITHOUT ROWID;

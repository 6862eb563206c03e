-- PostgreSQL twin of migration/V24__quarantine.sql (same tables, keys and meaning; types: BIGINT for
-- INTEGER, BYTEA for BLOB, identity for INTEGER PRIMARY KEY, text compared bytewise (COLLATE "C")
-- like SQLite's BINARY, so ticket-id and office-day ranges hold).
-- Events the store could not take (a constraint or rollup rule failing on well-formed input),
-- set aside so ingest goes on. The payload is kept exactly as received, to be replayed by hand
-- once the cause is fixed. A quarantined seq counts as received for gap detection.
CREATE TABLE quarantine (
    office      TEXT COLLATE "C"    NOT NULL,
    seq         BIGINT NOT NULL,
    event_id    TEXT COLLATE "C"    NOT NULL,
    payload     BYTEA    NOT NULL,
    error       TEXT COLLATE "C"    NOT NULL,
    received_ms BIGINT NOT NULL,
    PRIMARY KEY (office, seq)
);

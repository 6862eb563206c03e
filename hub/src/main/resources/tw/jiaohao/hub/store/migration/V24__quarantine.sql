-- Events the store could not take (a constraint or rollup rule failing on well-formed input),
-- set aside so ingest goes on. The payload is kept exactly as received, to be replayed by hand
-- once the cause is fixed. A quarantined seq counts as received for gap detection.
CREATE TABLE quarantine (
    office      TEXT    NOT NULL,
    seq         INTEGER NOT NULL,
    event_id    TEXT    NOT NULL,
    payload     BLOB    NOT NULL,
    error       TEXT    NOT NULL,
    received_ms INTEGER NOT NULL,
    PRIMARY KEY (office, seq)
) WITHOUT ROWID;

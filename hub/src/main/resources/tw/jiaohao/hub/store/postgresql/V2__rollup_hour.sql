-- PostgreSQL twin of migration/V2__rollup_hour.sql (same tables, keys and meaning; types: BIGINT for
-- INTEGER, BYTEA for BLOB, identity for INTEGER PRIMARY KEY, text compared bytewise (COLLATE "C")
-- like SQLite's BINARY, so ticket-id and office-day ranges hold).
-- Tickets issued per office-day x local hour (the office zone, office.zone), kept current on
-- ingest: the dashboard's volume-by-hour chart and weekday x hour heat map merge these rows.
CREATE TABLE rollup_hour (
    office     TEXT COLLATE "C"    NOT NULL,
    office_day TEXT COLLATE "C"    NOT NULL,
    hour       BIGINT NOT NULL CHECK (hour BETWEEN 0 AND 23),
    issued     BIGINT NOT NULL,
    PRIMARY KEY (office, office_day, hour)
);

-- Backfill from the events already stored, in Asia/Taipei (UTC+8), as the SQLite twin does.
INSERT INTO rollup_hour (office, office_day, hour, issued)
SELECT office, office_day, CAST(floor(((at_ms / 1000 + 8 * 3600) % 86400) / 3600) AS BIGINT), COUNT(*)
FROM event WHERE type = 'TICKET_ISSUED'
GROUP BY 1, 2, 3;

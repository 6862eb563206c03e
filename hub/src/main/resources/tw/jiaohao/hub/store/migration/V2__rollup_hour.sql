-- Tickets issued per office-day x local hour (the office zone, office.zone), kept current on
-- ingest: the dashboard's volume-by-hour chart and weekday x hour heat map merge these rows.
CREATE TABLE rollup_hour (
    office     TEXT    NOT NULL,
    office_day TEXT    NOT NULL,
    hour       INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
    issued     INTEGER NOT NULL,
    PRIMARY KEY (office, office_day, hour)
) WITHOUT ROWID;

-- Backfill from the events already stored, in Asia/Taipei (UTC+8, no daylight saving since 1979).
INSERT INTO rollup_hour (office, office_day, hour, issued)
SELECT office, office_day, CAST(strftime('%H', at_ms / 1000 + 8 * 3600, 'unixepoch') AS INTEGER), COUNT(*)
FROM event WHERE type = 'TICKET_ISSUED'
GROUP BY 1, 2, 3;

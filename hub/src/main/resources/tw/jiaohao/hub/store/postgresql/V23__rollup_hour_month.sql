-- PostgreSQL twin of migration/V23__rollup_hour_month.sql (same tables, keys and meaning; types: BIGINT for
-- INTEGER, BYTEA for BLOB, identity for INTEGER PRIMARY KEY, text compared bytewise (COLLATE "C")
-- like SQLite's BINARY, so ticket-id and office-day ranges hold).
-- Tickets issued per office-month x weekday (1 = Monday, of the office-day) x local hour: the
-- sum of that month's rollup_hour rows, kept current on ingest. The dashboard's hour chart and
-- weekday x hour heat map read whole months from here, partial months from rollup_hour.
CREATE TABLE rollup_hour_month (
    office  TEXT COLLATE "C"    NOT NULL,
    month   TEXT COLLATE "C"    NOT NULL,
    weekday BIGINT NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    hour    BIGINT NOT NULL CHECK (hour BETWEEN 0 AND 23),
    issued  BIGINT NOT NULL,
    PRIMARY KEY (office, month, weekday, hour)
);

INSERT INTO rollup_hour_month (office, month, weekday, hour, issued)
SELECT office, substr(office_day, 1, 7) || '-01', CAST(extract(isodow FROM CAST(office_day AS date)) AS BIGINT), hour, SUM(issued)
FROM rollup_hour
GROUP BY 1, 2, 3, 4;

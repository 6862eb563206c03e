-- Tickets issued per office-month x weekday (1 = Monday, of the office-day) x local hour: the
-- sum of that month's rollup_hour rows, kept current on ingest. The dashboard's hour chart and
-- weekday x hour heat map read whole months from here, partial months from rollup_hour.
CREATE TABLE rollup_hour_month (
    office  TEXT    NOT NULL,
    month   TEXT    NOT NULL,
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    hour    INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
    issued  INTEGER NOT NULL,
    PRIMARY KEY (office, month, weekday, hour)
) WITHOUT ROWID;

INSERT INTO rollup_hour_month (office, month, weekday, hour, issued)
SELECT office, substr(office_day, 1, 7) || '-01', (CAST(strftime('%w', office_day) AS INTEGER) + 6) % 7 + 1, hour, SUM(issued)
FROM rollup_hour
GROUP BY 1, 2, 3, 4;

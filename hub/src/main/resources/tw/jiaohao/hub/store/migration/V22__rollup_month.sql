-- Rollups per office-month x category x counter (month = its first office-day, YYYY-MM-01):
-- the sum of that month's rollup_day cells, kept current on ingest in the same transaction.
-- A range merges whole months from here and only the partial months at its ends from
-- rollup_day. Filled from rollup_day by the hub at its first start on this version.
CREATE TABLE rollup_month (
    office         TEXT    NOT NULL,
    month          TEXT    NOT NULL,
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
    PRIMARY KEY (office, month, category, counter)
) WITHOUT ROWID;

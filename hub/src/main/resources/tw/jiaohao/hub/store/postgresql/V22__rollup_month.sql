-- PostgreSQL twin of migration/V22__rollup_month.sql (same tables, keys and meaning; types: BIGINT for
-- INTEGER, BYTEA for BLOB, identity for INTEGER PRIMARY KEY, text compared bytewise (COLLATE "C")
-- like SQLite's BINARY, so ticket-id and office-day ranges hold).
-- Rollups per office-month x category x counter (month = its first office-day, YYYY-MM-01):
-- the sum of that month's rollup_day cells, kept current on ingest in the same transaction.
-- A range merges whole months from here and only the partial months at its ends from
-- rollup_day. Filled from rollup_day by the hub at its first start on this version.
CREATE TABLE rollup_month (
    office         TEXT COLLATE "C"    NOT NULL,
    month          TEXT COLLATE "C"    NOT NULL,
    category       TEXT COLLATE "C"    NOT NULL,
    counter        BIGINT NOT NULL,
    issued         BIGINT NOT NULL,
    transfers_in   BIGINT NOT NULL,
    transfers_out  BIGINT NOT NULL,
    waits          BIGINT NOT NULL,
    wait_sum_ms    BIGINT NOT NULL,
    wait_max_ms    BIGINT NOT NULL,
    wait_hist      BYTEA    NOT NULL,
    recalls        BIGINT NOT NULL,
    no_shows       BIGINT NOT NULL,
    served         BIGINT NOT NULL,
    service_sum_ms BIGINT NOT NULL,
    service_max_ms BIGINT NOT NULL,
    cancelled      BIGINT NOT NULL,
    rating_1       BIGINT NOT NULL,
    rating_2       BIGINT NOT NULL,
    rating_3       BIGINT NOT NULL,
    rating_4       BIGINT NOT NULL,
    PRIMARY KEY (office, month, category, counter)
);

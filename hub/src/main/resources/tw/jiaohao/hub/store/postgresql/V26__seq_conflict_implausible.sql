-- PostgreSQL twin of migration/V26__seq_conflict_implausible.sql (same tables, keys and meaning; types: BIGINT for
-- INTEGER, BYTEA for BLOB, identity for INTEGER PRIMARY KEY, text compared bytewise (COLLATE "C")
-- like SQLite's BINARY, so ticket-id and office-day ranges hold).
-- Evidence of events the hub did not take into an office's figures (docs/hub/INGEST.md,
-- "Seqs the hub does not believe"). At most 1000 rows per office and table; more are counted only.

-- A second event for an (office, seq) the hub already holds, differing in eventId or content.
-- The first stored stays in `event` and in the figures; this one is kept here, as decoded, for
-- an operator to judge (a restored office database reusing seqs, or a forged event).
CREATE TABLE seq_conflict (
    office          TEXT COLLATE "C"    NOT NULL,
    seq             BIGINT NOT NULL,
    payload_sha256  TEXT COLLATE "C"    NOT NULL,
    event_id        TEXT COLLATE "C"    NOT NULL,
    stored_event_id TEXT COLLATE "C"    NOT NULL,
    payload         TEXT COLLATE "C"    NOT NULL,
    received_ms     BIGINT NOT NULL,
    PRIMARY KEY (office, seq, payload_sha256)
);

-- An event whose seq is implausibly far beyond what the hub holds of its office
-- (more than ingest.max-seq-ahead after the office's contiguous seq). Never counts as progress.
CREATE TABLE seq_implausible (
    office      TEXT COLLATE "C"    NOT NULL,
    seq         BIGINT NOT NULL,
    event_id    TEXT COLLATE "C"    NOT NULL,
    held_seq    BIGINT NOT NULL,
    payload     TEXT COLLATE "C"    NOT NULL,
    received_ms BIGINT NOT NULL,
    PRIMARY KEY (office, seq, event_id)
);

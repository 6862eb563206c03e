-- Evidence of events the hub did not take into an office's figures (docs/hub/INGEST.md,
-- "Seqs the hub does not believe"). At most 1000 rows per office and table; more are counted only.

-- A second event for an (office, seq) the hub already holds, differing in eventId or content.
-- The first stored stays in `event` and in the figures; this one is kept here, as decoded, for
-- an operator to judge (a restored office database reusing seqs, or a forged event).
CREATE TABLE seq_conflict (
    office          TEXT    NOT NULL,
    seq             INTEGER NOT NULL,
    payload_sha256  TEXT    NOT NULL,
    event_id        TEXT    NOT NULL,
    stored_event_id TEXT    NOT NULL,
    payload         TEXT    NOT NULL,
    received_ms     INTEGER NOT NULL,
    PRIMARY KEY (office, seq, payload_sha256)
) WITHOUT ROWID;

-- An event whose seq is implausibly far beyond what the hub holds of its office
-- (more than ingest.max-seq-ahead after the office's contiguous seq). Never counts as progress.
CREATE TABLE seq_implausible (
    office      TEXT    NOT NULL,
    seq         INTEGER NOT NULL,
    event_id    TEXT    NOT NULL,
    held_seq    INTEGER NOT NULL,
    payload     TEXT    NOT NULL,
    received_ms INTEGER NOT NULL,
    PRIMARY KEY (office, seq, event_id)
) WITHOUT ROWID;

-- The outbox becomes one number, the seq up to which the broker acknowledged every event
-- (node_meta 'outbox.sent-upto'), instead of a row per event: an issue then writes no outbox row
-- (one statement and one WAL frame fewer on every change) and an acknowledgement updates one row.
-- Events the broker acknowledged above a hole are remembered by the running node only; after a
-- restart they are published again from the mark on (at least once; the hub stores a seq once).
-- The mark starts below the oldest unsent row, or at the newest event when every one was sent.
INSERT INTO node_meta (key, value)
SELECT 'outbox.sent-upto', CAST(COALESCE((SELECT MIN(seq) FROM outbox WHERE sent_at IS NULL) - 1,
                                         (SELECT MAX(seq) FROM events), 0) AS TEXT);
DROP TABLE outbox;

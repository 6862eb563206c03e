-- PostgreSQL twin of migration/V35__ticket_estimate.sql (same table, key and meaning; BIGINT for
-- INTEGER, text compared bytewise like SQLite's BINARY; the payload read as JSON).
-- What each ticket was promised when it was issued (TICKET_ISSUED's estimateMinutes, the
-- median, and estimateLowMinutes..estimateHighMinutes, the range; both ends null for nodes
-- that send no range).
CREATE TABLE ticket_estimate (
    office        TEXT COLLATE "C" NOT NULL,
    ticket_id     TEXT COLLATE "C" NOT NULL,
    estimate_min  BIGINT NOT NULL,
    low_min       BIGINT,
    high_min      BIGINT,
    PRIMARY KEY (office, ticket_id)
);

-- Events stored before this table existed.
INSERT INTO ticket_estimate (office, ticket_id, estimate_min, low_min, high_min)
SELECT office, ticket_id, (payload::json ->> 'estimateMinutes')::bigint, (payload::json ->> 'estimateLowMinutes')::bigint,
       (payload::json ->> 'estimateHighMinutes')::bigint
FROM event
WHERE type = 'TICKET_ISSUED' AND payload::json ->> 'estimateMinutes' IS NOT NULL
ON CONFLICT DO NOTHING;

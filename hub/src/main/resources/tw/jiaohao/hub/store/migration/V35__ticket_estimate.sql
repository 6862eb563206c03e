-- What each ticket was promised when it was issued (TICKET_ISSUED's estimateMinutes, the
-- median, and estimateLowMinutes..estimateHighMinutes, the range; both ends null for nodes
-- that send no range). Kept beside the ticket table so the quoted-vs-actual figures read one
-- key range per office-day instead of decoding every stored event.
CREATE TABLE ticket_estimate (
    office        TEXT    NOT NULL,
    ticket_id     TEXT    NOT NULL,
    estimate_min  INTEGER NOT NULL,
    low_min       INTEGER,
    high_min      INTEGER,
    PRIMARY KEY (office, ticket_id)
) WITHOUT ROWID;

-- Events stored before this table existed.
INSERT OR IGNORE INTO ticket_estimate (office, ticket_id, estimate_min, low_min, high_min)
SELECT office, ticket_id, json_extract(payload, '$.estimateMinutes'), json_extract(payload, '$.estimateLowMinutes'),
       json_extract(payload, '$.estimateHighMinutes')
FROM event
WHERE type = 'TICKET_ISSUED' AND json_extract(payload, '$.estimateMinutes') IS NOT NULL;

-- Fewer index pages written by an issue (each one is a WAL frame its COMMIT must sync). Only
-- indexes are replaced: every row stays as it is.
-- The snapshot's last calls are the only reader by office day and type: index the call events
-- alone, so an issue's TICKET_ISSUED event (and every other kind) adds no entry.
DROP INDEX events_day_type;
CREATE INDEX events_day_calls ON events (office_day, seq) WHERE type IN ('TICKET_CALLED', 'TICKET_RECALLED');
-- Only called tickets count for the call rate: a new ticket (called_at NULL) adds no entry.
DROP INDEX tickets_calls;
CREATE INDEX tickets_calls ON tickets (office_day, category, called_at) WHERE called_at IS NOT NULL;
-- Every new event's outbox row entered the pending index and left it at the PUBACK: two writes
-- of an index page per event. The publisher reads the unsent rows from its cursor on by seq (the
-- outbox's own key), and retention keeps only the recent days' sent rows, so a scan is short.
DROP INDEX outbox_pending;

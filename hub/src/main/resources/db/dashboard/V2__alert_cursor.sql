-- How far the alerts have been derived from the stored events (event.id, the arrival order).
-- Moved in the same transaction as the alerts it raised, so a crash between the ingest's
-- commit and the alerts loses none: the next start resumes after the cursor.
CREATE TABLE alert_cursor (
    name     TEXT PRIMARY KEY,
    event_id INTEGER NOT NULL
);

-- Self-service requests taken at the kiosk (tw.jiaohao.office.selfservice): the request outbox.
-- payload is the SelfServiceRequest JSON whose personal data is sealed for the hub: this file
-- never holds a national ID or phone number in clear. Once the hub acknowledges a request the
-- payload is emptied; the row keeps the case number and the hub's verdict.
CREATE TABLE selfservice_request (
    id            INTEGER PRIMARY KEY,
    request_id    TEXT    NOT NULL UNIQUE,
    case_number   TEXT    NOT NULL UNIQUE,
    kind          TEXT    NOT NULL,
    office_day    TEXT    NOT NULL,
    day_seq       INTEGER NOT NULL,
    taken_ms      INTEGER NOT NULL,
    payload       BLOB    NOT NULL,
    published_ms  INTEGER,
    publish_count INTEGER NOT NULL DEFAULT 0,
    ack_ms        INTEGER,
    verification  TEXT,
    problem       TEXT,
    UNIQUE (kind, office_day, day_seq)
);
CREATE INDEX selfservice_request_unacked ON selfservice_request (id) WHERE ack_ms IS NULL;

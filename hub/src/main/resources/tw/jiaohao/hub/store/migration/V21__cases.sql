-- Self-service cases (tw.jiaohao.hub.cases). Personal data lives only in personal_enc
-- (AES-256-GCM with the hub's at-rest key) and the masked_* columns used in lists; the
-- retention job sets all of them to NULL (erased_ms) a retention period after closing.
CREATE TABLE service_case (
    id                    INTEGER PRIMARY KEY,
    office                TEXT    NOT NULL,
    case_number           TEXT    NOT NULL,
    request_id            TEXT    NOT NULL UNIQUE,
    kind                  TEXT    NOT NULL,
    account_number        TEXT    NOT NULL,
    taken_ms              INTEGER NOT NULL,
    office_day            TEXT    NOT NULL,
    kiosk_check           TEXT    NOT NULL,
    address_confirmations INTEGER NOT NULL,
    reason                TEXT,
    effective_date        TEXT,
    state                 TEXT    NOT NULL,
    verification          TEXT    NOT NULL,
    problem               TEXT,
    received_ms           INTEGER NOT NULL,
    due_ms                INTEGER NOT NULL,
    closed_ms             INTEGER,
    masked_name           TEXT,
    masked_national_id    TEXT,
    masked_phone          TEXT,
    masked_address        TEXT,
    personal_enc          BLOB,
    erased_ms             INTEGER,
    UNIQUE (office, case_number)
);
CREATE INDEX service_case_open ON service_case (office, state, due_ms);
CREATE INDEX service_case_closed ON service_case (closed_ms) WHERE erased_ms IS NULL;

-- Who did what and when: state changes (to_state set) and notes (to_state NULL).
CREATE TABLE case_step (
    id         INTEGER PRIMARY KEY,
    case_id    INTEGER NOT NULL REFERENCES service_case(id),
    at_ms      INTEGER NOT NULL,
    actor      TEXT    NOT NULL,
    from_state TEXT,
    to_state   TEXT,
    note       TEXT
);
CREATE INDEX case_step_case ON case_step (case_id, id);

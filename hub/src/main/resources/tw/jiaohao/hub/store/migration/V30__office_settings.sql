-- Head office's settings per office (hub/settings/{office}), every version kept, and what each
-- office node last answered (office/{office}/settings/ack).
CREATE TABLE office_settings (
    office       TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    body         TEXT    NOT NULL,   -- the OfficeSettings JSON as published
    published_by TEXT    NOT NULL,
    published_at INTEGER NOT NULL,   -- epoch ms
    PRIMARY KEY (office, version)
);

CREATE TABLE office_settings_answer (
    office          TEXT    PRIMARY KEY,
    applied_version INTEGER NOT NULL DEFAULT 0,  -- the newest version the node said it applied
    last_version    INTEGER NOT NULL,            -- the version of the newest answer
    last_outcome    TEXT    NOT NULL,            -- APPLIED, PENDING or REFUSED
    last_reason     TEXT,
    last_at         INTEGER NOT NULL             -- epoch ms, the node's time
);

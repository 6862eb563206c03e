-- PostgreSQL twin of migration/V30__office_settings.sql (same tables, keys and meaning; BIGINT for
-- INTEGER, text compared bytewise like SQLite's BINARY).
-- Head office's settings per office (hub/settings/{office}), every version kept, and what each
-- office node last answered (office/{office}/settings/ack).
CREATE TABLE office_settings (
    office       TEXT COLLATE "C" NOT NULL,
    version      BIGINT NOT NULL,
    body         TEXT COLLATE "C" NOT NULL,   -- the OfficeSettings JSON as published
    published_by TEXT COLLATE "C" NOT NULL,
    published_at BIGINT NOT NULL,             -- epoch ms
    PRIMARY KEY (office, version)
);

CREATE TABLE office_settings_answer (
    office          TEXT COLLATE "C" PRIMARY KEY,
    applied_version BIGINT NOT NULL DEFAULT 0,  -- the newest version the node said it applied
    last_version    BIGINT NOT NULL,            -- the version of the newest answer
    last_outcome    TEXT COLLATE "C" NOT NULL,  -- APPLIED, PENDING or REFUSED
    last_reason     TEXT COLLATE "C",
    last_at         BIGINT NOT NULL             -- epoch ms, the node's time
);

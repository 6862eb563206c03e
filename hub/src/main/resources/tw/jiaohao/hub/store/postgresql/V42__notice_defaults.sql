-- PostgreSQL twin of migration/V42__notice_defaults.sql.
-- Notices' defaults per office, set by head office on the office's settings page (/settings/{office})
-- and prefilled by the notice form for a notice to that one office: the supply area a water-outage
-- notice names, and how many days before the outage start the notice starts showing. Hub-side only:
-- not in the settings pushed to the office node. An office without a row has no defaults.
CREATE TABLE notice_defaults (
    office    TEXT COLLATE "C" PRIMARY KEY,
    area      TEXT NOT NULL,
    lead_days INTEGER NOT NULL CHECK (lead_days BETWEEN 0 AND 30),
    set_by    TEXT COLLATE "C" NOT NULL,
    set_at    BIGINT NOT NULL
);

-- Several hub instances on one database (docs/hub/SCALE.md): what they must agree on lives here.

-- A lease per singleton job (notices' timed republishing, retention of personal data, the periodic
-- checks): taken and renewed with one conditional upsert; the holder is one running instance.
CREATE TABLE job_lease (
    name       TEXT PRIMARY KEY,
    holder     TEXT NOT NULL,
    expires_at INTEGER NOT NULL          -- epoch milliseconds (UTC), by the holder's clock
);

-- Replay requests and probes asked of an office, one row per (office, first seq asked, kind):
-- the instance that claims a row asks; another may ask the same again only after until_at.
CREATE TABLE replay_claim (
    office   TEXT NOT NULL,
    from_seq INTEGER NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('gap', 'probe')),
    holder   TEXT NOT NULL,
    until_at INTEGER NOT NULL,
    requests INTEGER NOT NULL,
    first_at INTEGER NOT NULL,
    last_at  INTEGER NOT NULL,
    PRIMARY KEY (office, from_seq, kind)
);
CREATE INDEX replay_claim_last ON replay_claim (last_at);

-- Failed logins, one row each, so the throttle holds across instances (the key is 'u:<username>'
-- or 'a:<address>'); rows older than the throttle's window are deleted.
CREATE TABLE login_failure (
    id           INTEGER PRIMARY KEY,
    throttle_key TEXT NOT NULL,
    at           INTEGER NOT NULL
);
CREATE INDEX login_failure_key ON login_failure (throttle_key, at);
CREATE INDEX login_failure_at ON login_failure (at);

-- At most one open alert per key, whichever instance raises it. Open duplicates that two instances
-- raised before this index are closed first, keeping the oldest.
UPDATE alert SET handled_by = 'hub (duplicate)', handled_at = raised_at
 WHERE handled_at IS NULL
   AND id > (SELECT MIN(a2.id) FROM alert a2 WHERE a2.dedupe_key = alert.dedupe_key AND a2.handled_at IS NULL);
CREATE UNIQUE INDEX alert_open_key ON alert (dedupe_key) WHERE handled_at IS NULL;

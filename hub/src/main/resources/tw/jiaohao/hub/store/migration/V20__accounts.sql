-- Accounts from the billing system's extract (tw.jiaohao.hub.accounts). The account number is
-- the key; extracts are mostly sorted by it, so inserts append to the B-tree.
CREATE TABLE account (
    account_number  TEXT    NOT NULL PRIMARY KEY,
    service_address TEXT    NOT NULL,
    holder_name     TEXT    NOT NULL,
    arrears_cents   INTEGER NOT NULL,
    status          TEXT    NOT NULL
) WITHOUT ROWID;

-- One row per import run; the newest finished one dates every look-up answer.
CREATE TABLE account_import (
    id             INTEGER PRIMARY KEY,
    source         TEXT    NOT NULL,
    started_ms     INTEGER NOT NULL,
    finished_ms    INTEGER,
    rows_read      INTEGER NOT NULL DEFAULT 0,
    rows_stored    INTEGER NOT NULL DEFAULT 0,
    rows_unchanged INTEGER NOT NULL DEFAULT 0,
    rows_bad       INTEGER NOT NULL DEFAULT 0
);

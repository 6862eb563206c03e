-- PostgreSQL twin of migration/V43__lookup_guess.sql.
-- Wrong house numbers in account look-ups (accounts.StoredGuessLimit), counted here so the limits
-- hold across every hub instance on the database (docs/hub/SCALE.md). One row per key and slot
-- (a slot is 1/60 of selfservice.lookup.window-minutes), incremented by one upsert; rows whose
-- slot has left the window are deleted. The key is never the account number or device in the
-- clear: it is HMAC-SHA-256 (first 16 bytes, hex) of 'a|<account>' or 'd|<office>|<device>',
-- keyed by a key derived from the hub's personal-data key (selfservice.keys-dir), not stored here.
CREATE TABLE lookup_guess (
    guess_key TEXT COLLATE "C" NOT NULL,
    slot      BIGINT NOT NULL,           -- start of the slot, epoch milliseconds (UTC)
    tries     BIGINT NOT NULL CHECK (tries > 0),
    PRIMARY KEY (guess_key, slot)
);
CREATE INDEX lookup_guess_slot ON lookup_guess (slot);

-- Head office's settings the node applied (hub/settings/{office}); one row, replaced per version.
-- Read at start so a restart keeps the version in force.
CREATE TABLE fleet_settings (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    version    INTEGER NOT NULL,
    body       BLOB    NOT NULL,                       -- the OfficeSettings JSON as received
    applied_at INTEGER NOT NULL
);

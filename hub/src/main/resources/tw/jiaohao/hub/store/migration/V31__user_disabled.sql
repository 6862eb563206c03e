-- Head office disables users on the dashboard instead of deleting them (the audit trail keeps
-- their name). A disabled user cannot log in and their sessions end.
ALTER TABLE hub_user ADD COLUMN disabled_at INTEGER;
ALTER TABLE hub_user ADD COLUMN disabled_by TEXT;

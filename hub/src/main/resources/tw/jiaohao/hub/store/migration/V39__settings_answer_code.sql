-- The office node's reason for a wait or a refusal as a code and its arguments (SettingsAck.code,
-- SettingsAck.args as a JSON array), so the dashboard says it in the reader's language; last_reason
-- keeps the node's English text for nodes without codes.
ALTER TABLE office_settings_answer ADD COLUMN last_code TEXT;
ALTER TABLE office_settings_answer ADD COLUMN last_args TEXT;

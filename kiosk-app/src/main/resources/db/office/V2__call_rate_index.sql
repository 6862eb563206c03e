-- The waiting estimate reads each category's recent calls.
CREATE INDEX tickets_calls ON tickets (office_day, category, called_at);

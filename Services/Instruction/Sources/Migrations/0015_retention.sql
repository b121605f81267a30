-- When a closed claim's personal data was removed at the end of its retention period; the row stays, anonymous,
-- for statistics.
ALTER TABLE claim ADD COLUMN purged_at timestamptz;
CREATE INDEX claim_retention_idx ON claim (state_entered_at) WHERE purged_at IS NULL;

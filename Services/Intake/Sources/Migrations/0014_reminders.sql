-- When the claimant was last reminded of what waits for them: a draft left alone (again after each new week of
-- silence), a request for information nearly due, an offer whose answer is nearly due (once each).
ALTER TABLE claim ADD COLUMN draft_reminded_at timestamptz;
ALTER TABLE information_request ADD COLUMN reminded_at timestamptz;
ALTER TABLE decision ADD COLUMN reminded_at timestamptz;

-- When the unit was last reminded of a question still unanswered near or past its date (at most once a day).
ALTER TABLE investigator_query ADD COLUMN reminded_at timestamptz;

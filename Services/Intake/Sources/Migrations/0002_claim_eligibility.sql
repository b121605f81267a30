-- The eligibility test taken before filing: the situation declared and the outcome, so that a claim filed
-- against an ineligible outcome is known as such (the test is advisory, never a hard block).
ALTER TABLE claim
    ADD COLUMN dwelling_relation text,
    ADD COLUMN eligibility_outcome text;

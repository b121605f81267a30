-- A claim starts as a draft (A_FINALISER) that keeps the answers as typed, valid or not, step after step, so
-- that it resumes on any device; it gets its reference and its checked columns when it is submitted. Bank answers
-- are sealed in bank_details_sealed from the first time they are typed, never kept in `answers`.
ALTER TABLE claim
    ALTER COLUMN reference DROP NOT NULL,
    ALTER COLUMN claimant_first_name DROP NOT NULL,
    ALTER COLUMN claimant_last_name DROP NOT NULL,
    ALTER COLUMN claimant_email DROP NOT NULL,
    ALTER COLUMN door_break_date DROP NOT NULL,
    ALTER COLUMN street_address DROP NOT NULL,
    ALTER COLUMN postal_code DROP NOT NULL,
    ALTER COLUMN commune DROP NOT NULL,
    ALTER COLUMN submitted_at DROP NOT NULL,
    ADD COLUMN answers jsonb NOT NULL DEFAULT '{}',
    ADD COLUMN claimed_amount_cents bigint CHECK (claimed_amount_cents > 0),
    ADD COLUMN created_at timestamptz,
    ADD COLUMN updated_at timestamptz;

UPDATE claim SET created_at = submitted_at, updated_at = submitted_at;

ALTER TABLE claim
    ALTER COLUMN created_at SET NOT NULL,
    ALTER COLUMN updated_at SET NOT NULL,
    ADD CONSTRAINT claim_submitted_has_reference
        CHECK (status = 'A_FINALISER' OR (reference IS NOT NULL AND submitted_at IS NOT NULL));

-- One draft at a time per account: taking the test again leads back to it instead of starting a duplicate.
CREATE UNIQUE INDEX claim_one_draft_per_account ON claim (account_id) WHERE status = 'A_FINALISER';

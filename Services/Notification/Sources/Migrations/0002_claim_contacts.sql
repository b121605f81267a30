-- Whom to write to about a claim: the claimant as they filed it (from `intake.claim-submitted`) and the rédacteur
-- in charge (from `instruction.claim-assigned`). Either may arrive first.
CREATE TABLE claim_contact (
    claim_id             uuid PRIMARY KEY,
    reference            text NOT NULL,
    claimant_first_name  text,
    claimant_last_name   text,
    claimant_email       text,
    assignee_name        text,
    assignee_email       text
);

-- What became of the claims declarations started (domain.md §6.4: units never learn it today): the latest step of
-- every claim, whatever the order in which the events arrive, never the claimant's data or amounts. A declaration
-- shows the step of the claim it is attached to.
CREATE TABLE claim_progress (
    claim_id   uuid PRIMARY KEY,
    reference  text,
    outcome    text        NOT NULL CHECK (outcome IN
        ('submitted', 'in_instruction', 'offered', 'rejected', 'paid', 'closed')),
    outcome_at timestamptz NOT NULL
);

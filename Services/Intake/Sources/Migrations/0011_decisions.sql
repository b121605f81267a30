-- The office's signed decision as the claimant reads it (the letter's text, signer and seal), and the claimant's
-- answer to an offer. A new offer after a refusal replaces the previous one.
CREATE TABLE decision (
    claim_id               uuid PRIMARY KEY REFERENCES claim (id),
    kind                   text        NOT NULL CHECK (kind IN ('offer', 'rejection')),
    amount_cents           bigint,
    amount_in_words        text,
    breakdown              jsonb,
    letter                 jsonb       NOT NULL,
    answer_by              date,
    decided_at             timestamptz NOT NULL,
    answer                 text CHECK (answer IN ('accepted', 'refused')),
    answered_at            timestamptz,
    refusal_reason         text CHECK (length(refusal_reason) <= 2000),
    counter_proposal_cents bigint CHECK (counter_proposal_cents > 0)
);

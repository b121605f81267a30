-- The claim's decision as drafted by its rédacteur, signed by a validator (the seal is also in the audit log),
-- and the claimant's answer to an offer. A new draft (after a return or a refusal) replaces the previous one;
-- the audit keeps every step.
CREATE TABLE decision (
    claim_id               uuid PRIMARY KEY REFERENCES claim (id),
    kind                   text        NOT NULL CHECK (kind IN ('offer', 'rejection')),
    breakdown              jsonb,
    amount_cents           bigint CHECK (amount_cents > 0),
    rejection_reason       text,
    body                   text        NOT NULL CHECK (length(body) <= 10000),
    drafted_by             uuid        NOT NULL REFERENCES agent (id),
    drafted_at             timestamptz NOT NULL,
    returned_comment       text,
    signed_by              uuid REFERENCES agent (id),
    signed_at              timestamptz,
    seal                   text,
    answer_by              date,
    claimant_answer        text CHECK (claimant_answer IN ('accepted', 'refused')),
    claimant_answered_at   timestamptz,
    refusal_reason         text,
    counter_proposal_cents bigint,
    CHECK ((kind = 'offer') = (amount_cents IS NOT NULL)),
    CHECK ((kind = 'rejection') = (rejection_reason IS NOT NULL))
);

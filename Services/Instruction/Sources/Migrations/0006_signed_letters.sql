-- The PDF of each signed letter, as documents filed it: found by the seal of its signature (the decision's or the
-- payment order's), downloaded through the documents service like the claimant's uploads.
CREATE TABLE signed_letter (
    document_id uuid PRIMARY KEY,
    claim_id    uuid        NOT NULL REFERENCES claim (id),
    kind        text        NOT NULL CHECK (kind IN ('decision', 'arrete_paiement')),
    seal        text        NOT NULL UNIQUE,
    sha256      text        NOT NULL,
    rendered_at timestamptz NOT NULL
);
CREATE INDEX signed_letter_claim_idx ON signed_letter (claim_id);

-- Claims as the claimant submitted them, the numbers of their public references, and their timeline.
CREATE TABLE claim (
    id                   uuid PRIMARY KEY,
    reference            text        NOT NULL UNIQUE,
    status               text        NOT NULL,
    claimant_first_name  text        NOT NULL,
    claimant_last_name   text        NOT NULL,
    claimant_email       text        NOT NULL,
    door_break_date      date        NOT NULL,
    street_address       text        NOT NULL,
    postal_code          text        NOT NULL,
    commune              text        NOT NULL,
    idempotency_key      text        UNIQUE,
    submitted_at         timestamptz NOT NULL
);

-- Numbers of public references BRI-YYYYMMDD-NNNN. A sequence, not a counter row: concurrent submissions never
-- wait on each other's commit (a counter row serialised them to one per fsync); a rolled-back one leaves a gap.
CREATE SEQUENCE claim_reference_seq;

-- The claimant-facing "vie du dossier": every dated event of a claim.
CREATE TABLE claim_timeline_entry (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    claim_id    uuid        NOT NULL REFERENCES claim (id),
    kind        text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    source_message_id uuid UNIQUE
);
CREATE INDEX claim_timeline_entry_claim_idx ON claim_timeline_entry (claim_id, occurred_at);

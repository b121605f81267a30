-- Payment: the bank details the claimant confirmed when accepting (sealed as received, opened only to show or
-- export the payment order), the order's signature and seal, its hand-off to the budget office and the transfer.
ALTER TABLE decision
    ADD COLUMN payment_details_key_id text,
    ADD COLUMN payment_details_sealed text;

CREATE TABLE payment_order (
    claim_id          uuid PRIMARY KEY REFERENCES claim (id),
    amount_cents      bigint      NOT NULL CHECK (amount_cents > 0),
    body              text        NOT NULL,
    drafted_by        uuid        NOT NULL REFERENCES agent (id),
    drafted_at        timestamptz NOT NULL,
    signed_by         uuid REFERENCES agent (id),
    signed_at         timestamptz,
    seal              text,
    batch_reference   text UNIQUE,
    transmitted_at    timestamptz,
    paid_on           date,
    CHECK ((signed_by IS NULL) = (seal IS NULL)),
    CHECK (transmitted_at IS NULL OR seal IS NOT NULL),
    CHECK (paid_on IS NULL OR transmitted_at IS NOT NULL)
);

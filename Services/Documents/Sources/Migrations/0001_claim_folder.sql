-- One folder per submitted claim: where its documents, receipt and letters will be filed.
CREATE TABLE claim_folder (
    claim_id   uuid PRIMARY KEY,
    reference  text        NOT NULL UNIQUE,
    opened_at  timestamptz NOT NULL DEFAULT now()
);

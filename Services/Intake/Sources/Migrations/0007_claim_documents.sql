-- The documents of each claim as the documents service announced them (document-stored, document-scanned), so
-- that the checklist, the completeness check and the claim page need no call to another service. Withdrawn
-- uploads stay listed for the history, marked.
CREATE TABLE claim_document (
    document_id  uuid PRIMARY KEY,
    claim_id     uuid        NOT NULL REFERENCES claim (id),
    uploaded_by  uuid        NOT NULL,
    type         text        NOT NULL,
    file_name    text        NOT NULL,
    media_type   text        NOT NULL,
    size         integer     NOT NULL,
    scan_status  text        NOT NULL CHECK (scan_status IN ('clean', 'scan_pending', 'infected')),
    uploaded_at  timestamptz NOT NULL,
    withdrawn_at timestamptz
);
CREATE INDEX claim_document_claim_idx ON claim_document (claim_id);

-- Generated documents (the submission receipt, later the letters) live beside the uploads: no uploader.
ALTER TABLE document ALTER COLUMN uploaded_by DROP NOT NULL;
ALTER TABLE document ADD COLUMN origin text NOT NULL DEFAULT 'upload' CHECK (origin IN ('upload', 'generated'));
ALTER TABLE document ADD CONSTRAINT document_uploader_check CHECK (origin = 'generated' OR uploaded_by IS NOT NULL);

-- One receipt per submitted claim, rendered in the background from what the claim was submitted with.
-- `content` holds what the receipt shows only until it is issued, then is erased (the PDF is the record).
-- A worker leases a request by moving `next_attempt_at` forward, so several replicas never render it twice
-- at once; failures back off.
CREATE TABLE receipt_request (
    claim_id        uuid PRIMARY KEY REFERENCES claim_folder (claim_id),
    content         jsonb,
    requested_at    timestamptz NOT NULL,
    next_attempt_at timestamptz NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    last_error      text,
    document_id     uuid REFERENCES document (id),
    issued_at       timestamptz,
    CHECK ((document_id IS NULL) = (issued_at IS NULL)),
    CHECK (document_id IS NULL OR content IS NULL)
);
CREATE INDEX receipt_request_due_idx ON receipt_request (next_attempt_at) WHERE document_id IS NULL;

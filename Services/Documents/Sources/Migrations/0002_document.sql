-- Every upload kept: its type, detected format, size, SHA-256, cleaned original name and antivirus status.
-- The content lives in the blob store under the document id. `scan_pending` documents (antivirus unreachable
-- at upload) are never served; an infected one keeps its row for the history, never its content.
CREATE TABLE document (
    id          uuid PRIMARY KEY,
    claim_id    uuid        NOT NULL,
    uploaded_by uuid        NOT NULL,
    type        text        NOT NULL,
    media_type  text        NOT NULL,
    size        integer     NOT NULL CHECK (size > 0),
    sha256      text        NOT NULL,
    file_name   text        NOT NULL,
    scan_status text        NOT NULL CHECK (scan_status IN ('clean', 'scan_pending', 'infected')),
    stored_at   timestamptz NOT NULL,
    scanned_at  timestamptz,
    deleted_at  timestamptz
);
CREATE INDEX document_claim_idx ON document (claim_id) WHERE deleted_at IS NULL;
CREATE INDEX document_pending_idx ON document (stored_at) WHERE scan_status = 'scan_pending' AND deleted_at IS NULL;

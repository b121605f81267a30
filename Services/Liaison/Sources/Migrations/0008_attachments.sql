-- The intervention report and photos a unit attaches to its declaration, uploaded to the documents service (which
-- checks, scans and keeps them in the declaration's folder) and recorded here from documents.document-stored.
CREATE TABLE declaration_attachment (
    document_id    uuid PRIMARY KEY,
    declaration_id uuid        NOT NULL REFERENCES declaration (id),
    type           text        NOT NULL CHECK (type IN ('pv_fdo', 'photo_fdo')),
    file_name      text        NOT NULL,
    scan_status    text        NOT NULL,
    uploaded_by    uuid        NOT NULL,
    uploaded_at    timestamptz NOT NULL
);
CREATE INDEX declaration_attachment_declaration_idx ON declaration_attachment (declaration_id, uploaded_at);

-- Files a rédacteur joined to a question (kept by documents in the question's own folder), recorded from
-- documents.document-stored and readable by the question's unit once the antivirus passed them.
CREATE TABLE query_attachment (
    document_id uuid PRIMARY KEY,
    query_id    uuid        NOT NULL REFERENCES investigator_query (id),
    file_name   text        NOT NULL,
    scan_status text        NOT NULL,
    uploaded_at timestamptz NOT NULL
);
CREATE INDEX query_attachment_query_idx ON query_attachment (query_id, uploaded_at);

-- Files a rédacteur joins to a question to the declaring unit (the report to complete, a photo to explain),
-- uploaded to the documents service in the question's own folder and recorded here from documents.document-stored.
CREATE TABLE investigator_query_attachment (
    document_id uuid PRIMARY KEY,
    query_id    uuid        NOT NULL REFERENCES investigator_query (id),
    file_name   text        NOT NULL,
    scan_status text        NOT NULL,
    uploaded_by uuid        NOT NULL,
    uploaded_at timestamptz NOT NULL
);
CREATE INDEX investigator_query_attachment_query_idx ON investigator_query_attachment (query_id, uploaded_at);

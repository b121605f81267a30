-- The readable summaries of their data claimants asked for (`intake.data-summary-requested`), and the PDF documents
-- rendered (`documents.data-summary-rendered`), downloadable for a week.
CREATE TABLE data_summary (
    id           uuid PRIMARY KEY,
    account_id   uuid        NOT NULL REFERENCES claimant_account (id),
    requested_at timestamptz NOT NULL,
    document_id  uuid,
    file_name    text,
    rendered_at  timestamptz
);
CREATE INDEX data_summary_account_idx ON data_summary (account_id, requested_at DESC);

-- The printable notice documents renders for each submitted declaration (documents.notice-rendered).
ALTER TABLE declaration ADD COLUMN notice_document_id uuid;

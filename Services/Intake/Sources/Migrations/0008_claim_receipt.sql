-- Documents the documents service generates for a claim (the submission receipt, later letters) have no uploader.
ALTER TABLE claim_document ALTER COLUMN uploaded_by DROP NOT NULL;

-- Signed letters join the receipt in one rendering queue: a decision (offer or rejection) or a payment order per
-- signature, keyed by the signature's seal (a claim refused then offered again gets a second decision); the
-- receipt keeps the key 'recepisse'.
ALTER TABLE receipt_request RENAME TO rendering_request;
ALTER INDEX receipt_request_due_idx RENAME TO rendering_request_due_idx;
ALTER TABLE rendering_request
    ADD COLUMN kind text NOT NULL DEFAULT 'recepisse' CHECK (kind IN ('recepisse', 'decision', 'arrete_paiement')),
    ADD COLUMN request_key text NOT NULL DEFAULT 'recepisse';
ALTER TABLE rendering_request ALTER COLUMN kind DROP DEFAULT, ALTER COLUMN request_key DROP DEFAULT;
ALTER TABLE rendering_request DROP CONSTRAINT receipt_request_pkey;
ALTER TABLE rendering_request ADD PRIMARY KEY (claim_id, request_key);

-- Bank details for the payment, encrypted by the service (AES-256-GCM) before they reach the database;
-- only the last four IBAN characters are kept in clear, to show them back to the claimant.
ALTER TABLE claim
    ADD COLUMN bank_details_sealed bytea,
    ADD COLUMN bank_details_key_id text,
    ADD COLUMN iban_suffix text;

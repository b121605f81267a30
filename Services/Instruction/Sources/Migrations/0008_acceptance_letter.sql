-- The claimant's acceptance, filed as a PDF by documents, joins the claim's letters.
ALTER TABLE signed_letter DROP CONSTRAINT signed_letter_kind_check;
ALTER TABLE signed_letter ADD CONSTRAINT signed_letter_kind_check
    CHECK (kind IN ('decision', 'arrete_paiement', 'acceptation'));

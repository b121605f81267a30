-- The claimant's online acceptance of an offer is filed as a PDF too, keyed by the fingerprint of what was accepted.
ALTER TABLE rendering_request DROP CONSTRAINT rendering_request_kind_check;
ALTER TABLE rendering_request ADD CONSTRAINT rendering_request_kind_check
    CHECK (kind IN ('recepisse', 'decision', 'arrete_paiement', 'acceptation'));

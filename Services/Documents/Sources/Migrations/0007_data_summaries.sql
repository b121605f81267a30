-- Claimants' data summaries (`intake.data-summary-requested`), rendered like the letters in a folder of their own,
-- and deleted a week after they were issued.
ALTER TABLE rendering_request DROP CONSTRAINT rendering_request_kind_check;
ALTER TABLE rendering_request ADD CONSTRAINT rendering_request_kind_check
    CHECK (kind IN ('recepisse', 'decision', 'arrete_paiement', 'acceptation', 'avis_intervention', 'releve_donnees'));

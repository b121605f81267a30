-- A declaration's printable notice for the occupant (with its code and QR code) is rendered like the letters, in
-- a folder of its own named after the declaration.
ALTER TABLE rendering_request DROP CONSTRAINT rendering_request_kind_check;
ALTER TABLE rendering_request ADD CONSTRAINT rendering_request_kind_check
    CHECK (kind IN ('recepisse', 'decision', 'arrete_paiement', 'acceptation', 'avis_intervention'));

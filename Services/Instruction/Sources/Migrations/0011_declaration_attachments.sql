-- The report and photos the unit attached to its declaration (kept by documents in the declaration's folder):
-- the rédacteur opens them from the claim the declaration is attached to.
CREATE TABLE declaration_attachment (
    document_id    uuid PRIMARY KEY,
    declaration_id uuid NOT NULL REFERENCES declaration (id),
    type           text NOT NULL
);

-- Reference data read from the official open-data files (DESIGN.md, issue 7): departments and communes (INSEE,
-- Code officiel géographique), postal codes (La Poste, base officielle des codes postaux), countries (INSEE) and the
-- police and gendarmerie units that receive the public (ministère de l'Intérieur, data.gouv.fr). Each service that
-- needs them keeps its own copy in its schema, replaced as a whole by the importer; nothing personal here.
CREATE TABLE ref_department (
    code text PRIMARY KEY,
    name text NOT NULL
);

CREATE TABLE ref_commune (
    insee_code      text PRIMARY KEY,
    name            text NOT NULL,
    -- The name an address carries: the commune's, or for an arrondissement (Paris, Lyon, Marseille) its city's.
    address_name    text NOT NULL,
    department_code text NOT NULL
);

-- One row per (postal code, commune): La Poste's file has one per locality (`Ligne_5`), folded here.
CREATE TABLE ref_postal_code (
    postal_code   text NOT NULL,
    insee_code    text NOT NULL,
    -- La Poste's upper-case name and routing label, matched against what people type.
    poste_name    text NOT NULL,
    routing_label text NOT NULL,
    PRIMARY KEY (postal_code, insee_code)
);

CREATE TABLE ref_country (
    cog_code text PRIMARY KEY,
    name     text NOT NULL,
    iso2     text
);

-- Units that receive the public; a unit serves its own commune first, then its department.
CREATE TABLE ref_unit (
    code            text PRIMARY KEY,
    force           text NOT NULL CHECK (force IN ('PN', 'GN', 'PP')),
    name            text NOT NULL,
    insee_code      text NOT NULL,
    postal_code     text NOT NULL,
    commune         text NOT NULL,
    department_code text NOT NULL,
    phone           text
);
CREATE INDEX ref_unit_department_idx ON ref_unit (department_code, force);

-- What was loaded, when, from which file (its SHA-256: an unchanged file is not loaded again).
CREATE TABLE ref_import (
    dataset     text PRIMARY KEY,
    sha256      text        NOT NULL,
    rows        integer     NOT NULL,
    rejected    integer     NOT NULL,
    imported_at timestamptz NOT NULL
);

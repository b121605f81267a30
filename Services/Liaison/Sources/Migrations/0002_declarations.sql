-- Door-break declarations by investigators (domain.md §2.5, §4.6, §6.2). A declaration starts as a draft that
-- keeps the wizard's answers as typed, valid or not, so it resumes on any device; submission checks every answer,
-- freezes them, gives it its code for the occupant and publishes it. A declaration belongs to its unit: every
-- investigator of the unit sees it, nobody else does.
ALTER TABLE investigator ADD COLUMN unit_name text NOT NULL DEFAULT '';

CREATE TABLE declaration (
    id              uuid PRIMARY KEY,
    unit_code       text        NOT NULL,
    force           text        NOT NULL CHECK (force IN ('PN', 'GN', 'PP')),
    declared_by     uuid        NOT NULL REFERENCES investigator (id),
    state           text        NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted', 'linked')),
    answers         jsonb       NOT NULL DEFAULT '{}',
    -- Set on submission (the code's alphabet has no 0/O, 1/I/L; see DeclarationCode).
    code            text UNIQUE,
    code_expires_at timestamptz,
    operation_date  date,
    postal_code     text,
    commune         text,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    submitted_at    timestamptz,
    -- The claim an occupant attached it to, with its code.
    claim_id        uuid UNIQUE,
    linked_at       timestamptz,
    CHECK (state = 'draft' OR (code IS NOT NULL AND submitted_at IS NOT NULL AND operation_date IS NOT NULL))
);
CREATE INDEX declaration_unit_idx ON declaration (unit_code, state, updated_at DESC);

CREATE TABLE web_session (
    token_sha256 bytea PRIMARY KEY,
    principal_id uuid        NOT NULL,
    csrf_token   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL
);
CREATE INDEX web_session_principal_idx ON web_session (principal_id);

CREATE TABLE throttle_hit (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    throttle_key text        NOT NULL,
    hit_at       timestamptz NOT NULL
);
CREATE INDEX throttle_hit_key_idx ON throttle_hit (throttle_key, hit_at);

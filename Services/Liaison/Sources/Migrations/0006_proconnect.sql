-- ProConnect: investigators sign in with their administration's identity. A known identity (its `sub`, or the
-- first time the professional address of a local account) gets a session; a new one first declares its posting
-- (force and unit), kept here for thirty minutes under the digest of a cookie's token. Each sign-in in progress
-- keeps its nonce and PKCE verifier in `oidc_sign_in`, ten minutes, single use.
ALTER TABLE investigator
    ADD COLUMN proconnect_sub text UNIQUE,
    ALTER COLUMN password_hash DROP NOT NULL;

CREATE TABLE oidc_sign_in (
    state_sha256  bytea PRIMARY KEY,
    nonce         text        NOT NULL,
    code_verifier text        NOT NULL,
    return_path   text        NOT NULL,
    expires_at    timestamptz NOT NULL
);

CREATE TABLE investigator_enrolment (
    token_sha256 bytea PRIMARY KEY,
    subject      text        NOT NULL,
    email        text        NOT NULL,
    display_name text        NOT NULL,
    -- Known from the organisation's SIRET, or chosen by the person.
    force        text CHECK (force IN ('PN', 'GN', 'PP')),
    expires_at   timestamptz NOT NULL
);

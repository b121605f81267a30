-- ProConnect: an agent declared by a staff manager is linked to one ProConnect identity (its `sub`) on first
-- sign-in; each sign-in in progress keeps its nonce and PKCE verifier here, under the digest of its state, for
-- ten minutes, single use.
ALTER TABLE agent ADD COLUMN proconnect_sub text UNIQUE;

CREATE TABLE oidc_sign_in (
    state_sha256  bytea PRIMARY KEY,
    nonce         text        NOT NULL,
    code_verifier text        NOT NULL,
    return_path   text        NOT NULL,
    expires_at    timestamptz NOT NULL
);

-- Claimants' accounts (e-mail + password; FranceConnect identities are keyed by issuer and subject), the
-- single-use tokens sent by e-mail, the login throttle, and server-side sessions.
CREATE TABLE claimant_account (
    id                uuid PRIMARY KEY,
    email             text        NOT NULL UNIQUE CHECK (email = lower(email)),
    password_hash     text,
    email_verified_at timestamptz,
    created_at        timestamptz NOT NULL
);

-- Tokens are stored as SHA-256 digests: a dump of this table opens no account.
CREATE TABLE account_token (
    token_sha256 bytea PRIMARY KEY,
    account_id   uuid        NOT NULL REFERENCES claimant_account (id),
    purpose      text        NOT NULL CHECK (purpose IN ('verify-email', 'reset-password')),
    expires_at   timestamptz NOT NULL,
    used_at      timestamptz
);
CREATE INDEX account_token_account_idx ON account_token (account_id, purpose);

-- Rate-limited attempts (failed sign-ins, e-mails requested), keyed by rule and by hashed e-mail or client
-- address; shared by every instance and kept across restarts.
CREATE TABLE throttle_hit (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    throttle_key text        NOT NULL,
    hit_at       timestamptz NOT NULL
);
CREATE INDEX throttle_hit_key_idx ON throttle_hit (throttle_key, hit_at);

CREATE TABLE web_session (
    token_sha256 bytea PRIMARY KEY,
    principal_id uuid        NOT NULL,
    csrf_token   text        NOT NULL,
    created_at   timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL
);
CREATE INDEX web_session_principal_idx ON web_session (principal_id);

-- Claims belong to the account that created them; claims of the anonymous JSON API have none.
ALTER TABLE claim ADD COLUMN account_id uuid REFERENCES claimant_account (id);
CREATE INDEX claim_account_idx ON claim (account_id);

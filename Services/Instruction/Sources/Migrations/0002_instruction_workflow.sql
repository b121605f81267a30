-- The back office's workflow: the claim as submitted, its assignee and state history, the append-only audit of
-- agent actions, private notes, requests for information, per-document reviews, and agents' sessions.
ALTER TABLE claim
    ADD COLUMN snapshot         jsonb,
    ADD COLUMN claimant_email   text,
    ADD COLUMN assignee_id      uuid REFERENCES agent (id),
    ADD COLUMN state_entered_at timestamptz,
    ADD COLUMN offered_cents    bigint CHECK (offered_cents > 0),
    ADD COLUMN rejection_reason text;
UPDATE claim SET state_entered_at = submitted_at;
ALTER TABLE claim ALTER COLUMN state_entered_at SET NOT NULL;
CREATE INDEX claim_assignee_idx ON claim (assignee_id, status);
CREATE INDEX claim_claimant_email_idx ON claim (claimant_email);

-- Every state a claim entered, with who moved it (null: the claimant or the platform).
CREATE TABLE claim_state_change (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    claim_id   uuid        NOT NULL REFERENCES claim (id),
    state      text        NOT NULL,
    entered_at timestamptz NOT NULL,
    agent_id   uuid REFERENCES agent (id)
);
CREATE INDEX claim_state_change_claim_idx ON claim_state_change (claim_id, entered_at);
INSERT INTO claim_state_change (claim_id, state, entered_at) SELECT id, status, submitted_at FROM claim;

-- What each agent did, when, on which claim. Details hold identifiers and codes, never personal data.
-- The runtime role may only add to it.
CREATE TABLE audit_entry (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at timestamptz NOT NULL,
    agent_id    uuid        NOT NULL REFERENCES agent (id),
    action      text        NOT NULL,
    claim_id    uuid REFERENCES claim (id),
    from_state  text,
    to_state    text,
    detail      jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_entry_claim_idx ON audit_entry (claim_id, occurred_at);
REVOKE UPDATE, DELETE, TRUNCATE ON audit_entry FROM instruction_app;

CREATE TABLE claim_note (
    id         uuid PRIMARY KEY,
    claim_id   uuid        NOT NULL REFERENCES claim (id),
    agent_id   uuid        NOT NULL REFERENCES agent (id),
    body       text        NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
    created_at timestamptz NOT NULL
);
CREATE INDEX claim_note_claim_idx ON claim_note (claim_id, created_at);

-- What the rédacteur asked the claimant for, by when; answered when the claimant sends it.
CREATE TABLE information_request (
    id             uuid PRIMARY KEY,
    claim_id       uuid        NOT NULL REFERENCES claim (id),
    requested_by   uuid        NOT NULL REFERENCES agent (id),
    requested_at   timestamptz NOT NULL,
    due_on         date        NOT NULL,
    document_types text[]      NOT NULL,
    message        text        NOT NULL CHECK (length(message) <= 2000),
    answered_at    timestamptz
);
CREATE INDEX information_request_open_idx ON information_request (claim_id) WHERE answered_at IS NULL;

-- The claim's documents as the claimant sent them, and the rédacteur's verdict on each.
CREATE TABLE claim_document (
    claim_id      uuid        NOT NULL REFERENCES claim (id),
    document_id   uuid        NOT NULL,
    type          text        NOT NULL,
    verdict       text CHECK (verdict IN ('accepted', 'rejected')),
    reason        text CHECK (length(reason) <= 500),
    reviewed_by   uuid REFERENCES agent (id),
    reviewed_at   timestamptz,
    PRIMARY KEY (claim_id, document_id),
    CHECK (verdict IS DISTINCT FROM 'rejected' OR reason IS NOT NULL)
);

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

-- Reference and names folded (lower case, no accents) for the agents' search.
ALTER TABLE claim ADD COLUMN search_text text NOT NULL DEFAULT '';
UPDATE claim SET search_text = lower(reference || ' ' || claimant_first_name || ' ' || claimant_last_name);

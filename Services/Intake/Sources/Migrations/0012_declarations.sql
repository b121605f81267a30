-- Investigators' declarations a claimant can attach to their claim with the code they were given (domain.md §6.3,
-- §10.2 item 6). Intake keeps what pre-fills the claim and who may attach it: never the procedure or the
-- investigating service, which stay confidential. A declaration serves once.
CREATE TABLE declaration (
    id                  uuid PRIMARY KEY,
    code                text        NOT NULL UNIQUE,
    code_expires_at     timestamptz NOT NULL,
    force               text        NOT NULL,
    operation_date      date        NOT NULL,
    street_address      text        NOT NULL,
    postal_code         text        NOT NULL,
    commune             text        NOT NULL,
    occupant_civility   text,
    occupant_first_name text,
    occupant_last_name  text,
    occupant_email      text,
    occupant_phone      text,
    claim_id            uuid UNIQUE REFERENCES claim (id),
    received_at         timestamptz NOT NULL
);

ALTER TABLE claim ADD COLUMN declaration_id uuid UNIQUE REFERENCES declaration (id);

-- A one-time confirmation code sent to the occupant's declared address; one live challenge per account and
-- declaration, a few attempts.
CREATE TABLE attach_challenge (
    account_id      uuid        NOT NULL,
    declaration_id  uuid        NOT NULL REFERENCES declaration (id),
    code_sha256     bytea       NOT NULL,
    expires_at      timestamptz NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, declaration_id)
);

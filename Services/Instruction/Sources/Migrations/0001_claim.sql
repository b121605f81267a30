-- Claims as the back office knows them, from `intake.claim-submitted`, and the local agent accounts.
CREATE TABLE claim (
    id                  uuid PRIMARY KEY,
    reference           text        NOT NULL UNIQUE,
    status              text        NOT NULL,
    claimant_first_name text        NOT NULL,
    claimant_last_name  text        NOT NULL,
    door_break_date     date        NOT NULL,
    postal_code         text        NOT NULL,
    commune             text        NOT NULL,
    department          text        NOT NULL,
    submitted_at        timestamptz NOT NULL,
    received_at         timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX claim_status_submitted_idx ON claim (status, submitted_at DESC);
CREATE INDEX claim_submitted_idx ON claim (submitted_at DESC);

CREATE TABLE agent (
    id            uuid PRIMARY KEY,
    email         text        NOT NULL UNIQUE,
    display_name  text        NOT NULL,
    roles         text[]      NOT NULL,
    password_hash text        NOT NULL,
    active        boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now()
);

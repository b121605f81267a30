-- Local investigator accounts (development; production investigators sign in with ProConnect).
CREATE TABLE investigator (
    id            uuid PRIMARY KEY,
    email         text        NOT NULL UNIQUE,
    display_name  text        NOT NULL,
    force         text        NOT NULL CHECK (force IN ('PN', 'GN', 'PP')),
    unit_code     text        NOT NULL,
    password_hash text        NOT NULL,
    active        boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now()
);

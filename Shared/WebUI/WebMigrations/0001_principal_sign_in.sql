-- When each person last signed in to this portal (sessions themselves are deleted when they expire): an account's
-- retention runs from its last activity (domain.md §8.2).
CREATE TABLE principal_sign_in (
    principal_id uuid PRIMARY KEY,
    signed_in_at timestamptz NOT NULL
);

-- What the back office tells the claimant: the claim's state as instruction moves it (later events win), the
-- explanation of a closure, and the office's requests for documents or information.
ALTER TABLE claim
    ADD COLUMN status_changed_at   timestamptz,
    ADD COLUMN closure_explanation text;

CREATE TABLE information_request (
    id             uuid PRIMARY KEY,
    claim_id       uuid        NOT NULL REFERENCES claim (id),
    document_types text[]      NOT NULL,
    message        text        NOT NULL,
    due_on         date        NOT NULL,
    requested_at   timestamptz NOT NULL,
    answered_at    timestamptz
);
CREATE INDEX information_request_claim_idx ON information_request (claim_id, requested_at);

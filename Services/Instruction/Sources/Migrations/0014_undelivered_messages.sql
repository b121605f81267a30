-- Messages to the claimant that their mail or phone provider refused for good (`notification.notification-failed`):
-- shown in the claim's history, so that the rédacteur reaches the claimant another way.
CREATE TABLE claim_undelivered_message (
    claim_id   uuid        NOT NULL REFERENCES claim (id),
    template   text        NOT NULL,
    channel    text        NOT NULL,
    failed_at  timestamptz NOT NULL
);
CREATE INDEX claim_undelivered_message_claim_idx ON claim_undelivered_message (claim_id);

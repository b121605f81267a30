-- Every message handed (or not) to a provider: the delivery log. The recipient is stored hashed only.
CREATE TABLE delivery (
    id               uuid PRIMARY KEY,
    source_event_id  uuid        NOT NULL,
    template         text        NOT NULL,
    channel          text        NOT NULL CHECK (channel IN ('email', 'sms')),
    claim_id         uuid,
    recipient_sha256 text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('sent', 'failed')),
    error            text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (source_event_id, template, channel)
);

-- Each message is logged before it is handed over (`sending`, with its attempts counted), so that a message whose
-- hand-over was cut by a crash is sent again under the same Message-ID (mailboxes keep one copy) rather than as a
-- new message; a provider's temporary refusal leaves it `retrying` with the reason; acceptance or a refusal for
-- good settles it (`sent`, `failed`).
ALTER TABLE delivery
    ADD COLUMN attempts        integer     NOT NULL DEFAULT 1 CHECK (attempts >= 1),
    ADD COLUMN last_attempt_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE delivery DROP CONSTRAINT delivery_status_check;
ALTER TABLE delivery ADD CONSTRAINT delivery_status_check CHECK (status IN ('sending', 'retrying', 'sent', 'failed'));

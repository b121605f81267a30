-- Agents may ask for a morning digest by e-mail; one is sent per agent and day, whichever replica gets there first.
ALTER TABLE agent ADD COLUMN daily_digest boolean NOT NULL DEFAULT false;

CREATE TABLE digest_sent (
    agent_id uuid        NOT NULL REFERENCES agent (id),
    day      date        NOT NULL,
    sent_at  timestamptz NOT NULL,
    PRIMARY KEY (agent_id, day)
);

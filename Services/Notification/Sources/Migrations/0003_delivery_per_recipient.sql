-- One event may be sent to several agents (every validator, every attributeur): one delivery per recipient.
ALTER TABLE delivery DROP CONSTRAINT delivery_source_event_id_template_channel_key;
ALTER TABLE delivery ADD UNIQUE (source_event_id, template, channel, recipient_sha256);

-- The identity provider's ID token of a session opened through it (FranceConnect, ProConnect), sent back as
-- `id_token_hint` to end the provider's session when the person signs out; gone with the session.
ALTER TABLE web_session ADD COLUMN id_token text;

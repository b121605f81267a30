-- The ProConnect ID token of a session opened through it, sent back as `id_token_hint` to end ProConnect's
-- session when the investigator signs out; gone with the session. A first sign-in keeps it through the posting
-- form.
ALTER TABLE web_session ADD COLUMN id_token text;
ALTER TABLE investigator_enrolment ADD COLUMN id_token text;

-- The claimant's words when answering a request for information.
ALTER TABLE information_request ADD COLUMN answer_message text CHECK (length(answer_message) <= 2000);

-- When the claimant last signed in: with their claims' dates, it tells when an account's retention (two years
-- after the last activity, domain.md §8.2) ends.
ALTER TABLE claimant_account ADD COLUMN last_signed_in_at timestamptz;

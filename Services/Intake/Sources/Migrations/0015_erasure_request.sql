-- A data protection referent asked for the claimant's data to be erased while a claim was still being examined: the
-- account goes as soon as it holds no submitted claim any more, without waiting for its retention to end.
ALTER TABLE claimant_account ADD COLUMN erasure_requested_at timestamptz;

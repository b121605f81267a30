-- What the retention purge removed, and when (domain.md §8.2): one row per claim, account or draft purged, with
-- identifiers and counts only. The runtime role may only add to it.
CREATE TABLE retention_log (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    purged_at  timestamptz NOT NULL,
    subject    text        NOT NULL,
    subject_id uuid        NOT NULL,
    detail     jsonb       NOT NULL DEFAULT '{}'
);
CREATE INDEX retention_log_subject_idx ON retention_log (subject, subject_id);
DO $$
BEGIN
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON retention_log FROM %I', current_schema() || '_app');
END
$$;

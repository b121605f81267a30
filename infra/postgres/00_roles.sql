-- Cluster-wide roles, one pair per service (idempotent; run as a superuser).
--   <service>_migrator: owns the service schema, applies migrations (DDL).
--   <service>_app:      what the running service logs in as: DML on its own schema only.
-- Passwords come from the psql variables :'<service>_migrator_password' and :'<service>_app_password'
-- (infra/local/bootstrap-db.sh passes them from the environment; dev defaults in compose/.env.example).
SET password_encryption = 'scram-sha-256';

SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS', r)
FROM unnest(ARRAY[
    'intake_migrator', 'intake_app', 'documents_migrator', 'documents_app',
    'instruction_migrator', 'instruction_app', 'liaison_migrator', 'liaison_app',
    'notification_migrator', 'notification_app'
]) AS r
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) \gexec

ALTER ROLE intake_migrator PASSWORD :'intake_migrator_password';
ALTER ROLE intake_app PASSWORD :'intake_app_password';
ALTER ROLE documents_migrator PASSWORD :'documents_migrator_password';
ALTER ROLE documents_app PASSWORD :'documents_app_password';
ALTER ROLE instruction_migrator PASSWORD :'instruction_migrator_password';
ALTER ROLE instruction_app PASSWORD :'instruction_app_password';
ALTER ROLE liaison_migrator PASSWORD :'liaison_migrator_password';
ALTER ROLE liaison_app PASSWORD :'liaison_app_password';
ALTER ROLE notification_migrator PASSWORD :'notification_migrator_password';
ALTER ROLE notification_app PASSWORD :'notification_app_password';

-- A fixed search path: own schema, then the catalog; never public.
ALTER ROLE intake_app SET search_path = intake, pg_catalog;
ALTER ROLE intake_migrator SET search_path = intake, pg_catalog;
ALTER ROLE documents_app SET search_path = documents, pg_catalog;
ALTER ROLE documents_migrator SET search_path = documents, pg_catalog;
ALTER ROLE instruction_app SET search_path = instruction, pg_catalog;
ALTER ROLE instruction_migrator SET search_path = instruction, pg_catalog;
ALTER ROLE liaison_app SET search_path = liaison, pg_catalog;
ALTER ROLE liaison_migrator SET search_path = liaison, pg_catalog;
ALTER ROLE notification_app SET search_path = notification, pg_catalog;
ALTER ROLE notification_migrator SET search_path = notification, pg_catalog;

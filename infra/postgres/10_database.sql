-- Per-database layout: one schema per service, owned by its migrator, DML for its app role only.
-- Idempotent; run as a superuser connected to the target database (also used for each test database).
REVOKE ALL ON SCHEMA public FROM PUBLIC;

DO $layout$
DECLARE
    service text;
BEGIN
    EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database());
    FOREACH service IN ARRAY ARRAY['intake', 'documents', 'instruction', 'liaison', 'notification'] LOOP
        EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', service, service || '_migrator');
        EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', service);
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I, %I',
                       current_database(), service || '_migrator', service || '_app');
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', service, service || '_app');
        EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %I
                        GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I',
                       service || '_migrator', service, service || '_app');
        EXECUTE format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %I
                        GRANT USAGE, SELECT ON SEQUENCES TO %I',
                       service || '_migrator', service, service || '_app');
    END LOOP;
END
$layout$;

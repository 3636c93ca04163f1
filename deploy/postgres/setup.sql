-- PostgreSQL role and database for guichet-server. Run as the postgres superuser:
--   sudo -u postgres psql -v password=THE-PASSWORD -v dbname=guichet -f deploy/postgres/setup.sql
-- Idempotent. The server creates and upgrades its own tables (versioned migrations, table schema_migration).
\set ON_ERROR_STOP on
SELECT format('CREATE ROLE guichet LOGIN PASSWORD %L', :'password')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'guichet') \gexec
SELECT format('CREATE DATABASE %I OWNER guichet ENCODING %L TEMPLATE template0', :'dbname', 'UTF8')
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'dbname') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'dbname') \gexec
SELECT format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO guichet', :'dbname') \gexec
\connect :dbname
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO guichet;

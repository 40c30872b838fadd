-- Runs once, when the PostgreSQL container starts on an empty volume (docker-entrypoint-initdb.d), as the
-- superuser the compose file names (kechuang). One database per service, each owned by that user, in UTF-8 (the
-- image's initdb default). Flyway creates the tables when each service starts.
CREATE DATABASE achievements;
CREATE DATABASE demands;
CREATE DATABASE matching;
CREATE DATABASE gateway;

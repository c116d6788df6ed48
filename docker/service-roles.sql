-- The services' database roles, created once when the compose volume is initialised (by the
-- postgres image, as POSTGRES_USER). The migration step (the `migrate` service) then grants each
-- only what its service needs; POSTGRES_USER owns the schemas. The passwords are local ones, like
-- POSTGRES_PASSWORD: change them (and the URLs in docker-compose.yml) for anything but a trial.
CREATE ROLE controlplane_identity LOGIN PASSWORD 'controlplane-identity-local';
CREATE ROLE controlplane_workspace LOGIN PASSWORD 'controlplane-workspace-local';
CREATE ROLE controlplane_catalog LOGIN PASSWORD 'controlplane-catalog-local';

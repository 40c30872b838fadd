-- identity.v1: the gateway publishes organisations and users (never secrets) through the outbox (db/common).
-- version counts the published states of a row; 0 means "never published": rows made before this migration (the
-- bootstrap administrator, demo accounts, real installations) stay at 0 until IdentityBackfill publishes them once
-- at start-up, at version 1. New rows start at 1 with their event in the same transaction.
alter table organisation add column enabled boolean not null default true;
alter table organisation add column version bigint not null default 0;
alter table organisation add column updated_at timestamptz;

-- lead: a broker who acts on every match assigned to a broker of the same brokerage. Only a BROKER of a BROKERAGE
-- may carry it (IdentityService checks, with the organisation's type at hand).
alter table app_user add column lead boolean not null default false;
alter table app_user add column version bigint not null default 0;
alter table app_user add column updated_at timestamptz;

-- The backfill finds what it has still to publish without scanning everything on every start.
create index organisation_unpublished on organisation (id) where version = 0;
create index app_user_unpublished on app_user (id) where version = 0;

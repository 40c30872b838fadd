-- Organisations, the users who sign in for them, and the API clients (partner portals and integrations).
create table organisation (
    id           uuid         primary key,
    name         varchar(200) not null,
    type         varchar(32)  not null,
    region_code  varchar(6),
    credit_code  varchar(18)  unique,
    created_at   timestamptz  not null default now()
);

create index organisation_type on organisation (type, created_at);

-- Usernames and client ids share one namespace: both become the token's subject.
create table app_user (
    id               uuid         primary key,
    username         varchar(64)  not null unique,
    display_name     varchar(200),
    password_hash    varchar(100) not null,
    organisation_id  uuid         not null references organisation (id),
    roles            jsonb        not null,
    enabled          boolean      not null default true,
    created_at       timestamptz  not null default now()
);

create index app_user_organisation on app_user (organisation_id, created_at);

create table api_client (
    id               uuid         primary key,
    client_id        varchar(64)  not null unique,
    name             varchar(200) not null,
    secret_hash      varchar(100) not null,
    organisation_id  uuid         not null references organisation (id),
    roles            jsonb        not null,
    -- Requests per rate-limit window; null means the gateway's default.
    rate_limit       integer      check (rate_limit > 0),
    enabled          boolean      not null default true,
    created_at       timestamptz  not null default now()
);

create index api_client_organisation on api_client (organisation_id, created_at);

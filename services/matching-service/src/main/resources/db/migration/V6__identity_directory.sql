-- The identity directory: organisations and users as the gateway publishes them on identity.v1 (never secrets, no
-- contact data), kept by the matching service's consumer of that topic and read by the broker workflow (who may act on
-- a match, who may be assigned one) and the match views (broker and brokerage names). Each row holds the revision of
-- the event it was written from (the producer's epoch, then its version): an event applies only if it is newer.
create table directory_organisation (
    id           uuid        primary key,
    name         text        not null,
    type         varchar(32),
    region_code  varchar(6),
    enabled      boolean     not null,
    epoch        bigint      not null,
    version      bigint      not null,
    updated_at   timestamptz
);

-- The subject is the username, the sub of the user's tokens. The gateway keeps usernames unique, so the directory
-- indexes it without a unique constraint: an unexpected duplicate must not stop the consumer.
create table directory_user (
    id               uuid        primary key,
    subject          text        not null,
    organisation_id  uuid        not null,
    display_name     text,
    roles            jsonb       not null,
    lead             boolean     not null,
    enabled          boolean     not null,
    epoch            bigint      not null,
    version          bigint      not null,
    updated_at       timestamptz
);

create index directory_user_subject on directory_user (subject);
create index directory_user_organisation on directory_user (organisation_id);

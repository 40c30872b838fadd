-- Consent to disclose, and NDAs (io.kechuang.listing.consent), for the listing services.
-- Version 4.1: after the highest migration either listing service has when this location was added (the resync
-- location's 3.1 and the demand service's V3), so existing databases apply it in order. A listing service's own later
-- migrations go on from V5. No foreign key to the listing: this location serves both kinds; a draft (the only listing
-- that can be deleted) never has requests or acceptances, and its NDA rows are deleted with it by the kernel.

-- A broker's request to read what a listing keeps from the public, through one match assignment, and the owner's
-- decision on it. PENDING -> GRANTED | REFUSED; GRANTED -> REVOKED; PENDING, GRANTED -> LAPSED (match reassigned,
-- declined or expired). Rows are never deleted: they are the owner's record of who asked and who was let in.
create table access_request (
    id              uuid          primary key,
    listing_kind    varchar(12)   not null,
    listing_id      uuid          not null,
    owner_org_id    uuid          not null,
    match_id        uuid          not null,
    broker_subject  varchar(255)  not null,
    broker_org_id   uuid,
    scopes          jsonb         not null,
    status          varchar(10)   not null,
    requested_at    timestamptz   not null,
    granted_at      timestamptz,
    granted_by      varchar(255),
    decided_at      timestamptz,
    decided_by      varchar(255),
    updated_at      timestamptz   not null,
    version         bigint        not null
);
-- At most one pending request per match and broker.
create unique index access_request_pending on access_request (match_id, broker_subject) where status = 'PENDING';
create index access_request_listing on access_request (listing_id, updated_at desc);
create index access_request_owner on access_request (owner_org_id, updated_at desc);
create index access_request_broker on access_request (broker_subject, updated_at desc);
create index access_request_open on access_request (match_id) where status in ('PENDING', 'GRANTED');

-- Whether a listing requires an NDA now, and the latest version of its terms; one row per listing that ever had one.
create table nda_requirement (
    listing_id      uuid          primary key,
    listing_kind    varchar(12)   not null,
    owner_org_id    uuid          not null,
    latest_version  integer       not null,
    required        boolean       not null,
    changed_at      timestamptz   not null,
    version         bigint        not null
);

-- Every version of a listing's NDA terms, as the owner wrote it; kept after a new version or a drop, because
-- acceptances name the version they accepted.
create table nda_terms (
    id              uuid          primary key,
    listing_id      uuid          not null,
    terms_version   integer       not null,
    terms           text          not null,
    terms_sha256    varchar(64)   not null,
    created_by      varchar(255)  not null,
    created_at      timestamptz   not null,
    unique (listing_id, terms_version)
);

-- Who accepted which version of a listing's terms, when, and in which capacity (BROKER or COUNTERPART).
create table nda_acceptance (
    id                    uuid          primary key,
    listing_kind          varchar(12)   not null,
    listing_id            uuid          not null,
    owner_org_id          uuid          not null,
    terms_version         integer       not null,
    accepted_by_subject   varchar(255)  not null,
    accepted_by_org_id    uuid,
    capacity              varchar(12)   not null,
    match_id              uuid,
    accepted_at           timestamptz   not null,
    unique nulls not distinct (listing_id, terms_version, capacity, accepted_by_subject, accepted_by_org_id)
);
create index nda_acceptance_listing on nda_acceptance (listing_id, accepted_at desc);

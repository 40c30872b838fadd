-- CSV imports as jobs (io.kechuang.listing.csv), for the listing services.
-- Version 4.2: after the consent location's 4.1, below the listing services' own next migration (V5), so existing
-- databases apply it in order.

-- One accepted upload. The file is kept as uploaded until the job is done (the rejected-rows download re-reads it).
-- A worker claims a QUEUED job, or a RUNNING one whose lease expired (its replica died), with FOR UPDATE SKIP LOCKED;
-- each batch commits its rows, their outbox events and rows_done together, and extends the lease.
create table import_job (
    id              uuid          primary key,
    scope           varchar(100)  not null,
    owner_org_id    uuid          not null,
    owner_subject   varchar(255)  not null,
    owner_org_type  varchar(40),
    owner_roles     text          not null,
    publish         boolean       not null,
    file            text          not null,
    status          varchar(10)   not null,
    rows_total      integer       not null,
    rows_done       integer       not null default 0,
    imported        integer       not null default 0,
    rejected        integer       not null default 0,
    failures        integer       not null default 0,
    error           text,
    lease_owner     varchar(100),
    lease_until     timestamptz,
    created_at      timestamptz   not null,
    started_at      timestamptz,
    finished_at     timestamptz,
    updated_at      timestamptz   not null
);
create index import_job_owner on import_job (owner_org_id, created_at desc);
create index import_job_due on import_job (created_at) where status in ('QUEUED', 'RUNNING');

-- The per-row report, written by the batch that handled the row.
create table import_job_row (
    job_id      uuid         not null references import_job (id) on delete cascade,
    row_no      integer      not null,
    outcome     varchar(10)  not null,
    listing_id  uuid,
    title       text,
    errors      text,
    primary key (job_id, row_no)
);

-- Resync after a database rollback (io.kechuang.common.listing.ListingResync), for the listing services.
-- Version 3.1: after the highest migration either listing service had when this location was added (the demand
-- service's V3), so existing databases apply it in order. A listing service's own later migrations go on from V4.
-- The event epoch every listing event carries: 0 until the first resync, then the Unix second it began.
create table event_epoch (
    singleton  boolean  primary key default true check (singleton),
    epoch      bigint   not null
);
insert into event_epoch (singleton, epoch) values (true, 0);

-- One row per resync an admin started; counts are kept up to date while it runs.
create table resync_run (
    id                     uuid          primary key,
    epoch                  bigint        not null,
    status                 varchar(20)   not null,
    requested_by           varchar(255)  not null,
    started_at             timestamptz   not null,
    heartbeat_at           timestamptz   not null,
    finished_at            timestamptz,
    match_events_applied   bigint        not null default 0,
    topic_records_read     bigint        not null default 0,
    republished            bigint        not null default 0,
    removed                bigint        not null default 0,
    error                  text
);
create index resync_run_started on resync_run (started_at desc);

-- Every read of an achievement's contact by the broker assigned to one of its matches: who, when, through which match
-- (libs/common AssignedBrokerReads; the demand service keeps the same table). Written in the transaction that serves
-- the read; never updated or deleted by the service.
create table broker_read (
    id             bigserial    primary key,
    listing_id     uuid         not null references achievement (id),
    match_id       uuid         not null,
    reader_subject varchar(255) not null,
    reader_org_id  uuid,
    read_at        timestamptz  not null
);

create index broker_read_listing on broker_read (listing_id, read_at desc);

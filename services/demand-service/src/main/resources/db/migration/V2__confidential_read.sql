-- Every read of a demand's confidential details and contact by a broker assigned to one of its matches: who, when,
-- through which match. Written in the transaction that serves the read; never updated or deleted by the service.
create table confidential_read (
    id             bigserial    primary key,
    demand_id      uuid         not null references demand (id),
    match_id       uuid         not null,
    reader_subject varchar(255) not null,
    reader_org_id  uuid,
    read_at        timestamptz  not null
);

create index confidential_read_demand on confidential_read (demand_id, read_at desc);

-- Every replay of a dead letter by an admin (libs/common io.kechuang.common.deadletter.ReplayAudit): who, when,
-- which dead letter (its place on the dead-letter topic), into which consumer, and the outcome. A row is committed as
-- STARTED before the handler runs and completed after, so a replay the service did not live to finish shows too.
-- The same table as the listing services' db/deadletters V4.5 (libs/listing).
create table dead_letter_replay (
    id            uuid primary key,
    dlq_topic     varchar(249) not null,
    dlq_partition integer      not null,
    dlq_offset    bigint       not null,
    consumer      varchar(200) not null,
    replayed_by   varchar(200) not null,
    replayed_at   timestamptz  not null,
    finished_at   timestamptz,
    outcome       varchar(16)  not null check (outcome in ('STARTED', 'APPLIED', 'FAILED')),
    error         varchar(2000)
);

create index dead_letter_replay_by_letter on dead_letter_replay (dlq_topic, dlq_partition, dlq_offset, replayed_at);

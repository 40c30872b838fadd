-- Idempotency-Key records: the first response to a create, replayed for retries with the same key.
create table idempotency_record (
    scope         varchar(100) not null,
    caller        varchar(255) not null,
    idem_key      varchar(255) not null,
    request_hash  varchar(64)  not null,
    status        integer,
    location      text,
    body          text,
    created_at    timestamptz  not null default now(),
    primary key (scope, caller, idem_key)
);

create index idempotency_record_created_at on idempotency_record (created_at);

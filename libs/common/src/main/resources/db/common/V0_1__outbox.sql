-- Transactional outbox: written in the same transaction as the state change, published by OutboxRelay.
create table outbox_event (
    id           bigserial primary key,
    event_id     uuid         not null unique,
    topic        varchar(249) not null,
    message_key  varchar(255) not null,
    event_type   varchar(255) not null,
    payload      text         not null,
    created_at   timestamptz  not null default now(),
    sent_at      timestamptz,
    attempts     integer      not null default 0,
    last_error   text
);

create index outbox_event_pending on outbox_event (id) where sent_at is null;
create index outbox_event_sent_at on outbox_event (sent_at) where sent_at is not null;

-- NOTIFY is delivered at commit, so the relay wakes only for committed rows.
create function outbox_event_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('kechuang_outbox', '');
    return null;
end
$$;

create trigger outbox_event_inserted
    after insert on outbox_event
    for each statement execute function outbox_event_notify();

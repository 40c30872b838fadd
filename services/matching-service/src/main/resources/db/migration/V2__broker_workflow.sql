-- The broker workflow on suggestions: assignment, parties' requests, meetings, contracts, declines, flags.
alter table match_suggestion
    add column broker_subject            varchar(255),
    add column broker_org_id             uuid,
    add column introduction_requested_at timestamptz,
    add column flagged_reason            varchar(300),
    add column demand_deadline           date,
    add column meeting                   jsonb,
    add column contract_amount           numeric(18, 2),
    add column contract_currency         char(3),
    add column contract_mode             varchar(30),
    add column contract_signed_on        date,
    add column decline_reason            varchar(40),
    add column decline_comment           varchar(1000),
    add column status_changed_at         timestamptz,
    add column introduced_at             timestamptz,
    add column contracted_at             timestamptz;

update match_suggestion set status_changed_at = created_at;

create index match_suggestion_queue on match_suggestion (status, introduction_requested_at, score desc);
create index match_suggestion_broker on match_suggestion (broker_subject, status);
create index match_suggestion_demand_owner on match_suggestion (demand_owner_org_id);
create index match_suggestion_achievement_owner on match_suggestion (achievement_owner_org_id);

-- The audit trail: every transition, claim, note, request and flag, with who, when and why. Append-only.
create table match_activity (
    id          bigserial primary key,
    match_id    uuid         not null references match_suggestion (id),
    action      varchar(40)  not null,
    from_status varchar(30),
    to_status   varchar(30),
    actor       varchar(255) not null,
    actor_org   uuid,
    actor_role  varchar(20)  not null,
    reason      varchar(1000),
    details     jsonb,
    at          timestamptz  not null
);

create index match_activity_match on match_activity (match_id, id);

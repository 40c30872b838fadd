create table achievement (
    id                    uuid primary key,
    owner_org_id          uuid          not null,
    created_by            varchar(255)  not null,
    status                varchar(20)   not null,
    version               bigint        not null,
    title                 varchar(200)  not null,
    summary               varchar(2000),
    description           text,
    keywords              jsonb         not null default '[]',
    technical_field       varchar(40),
    ipc_codes             jsonb         not null default '[]',
    ip_type               varchar(30),
    patents               jsonb         not null default '[]',
    trl                   smallint,
    stage                 varchar(30),
    cooperation_modes     jsonb         not null default '[]',
    price_amount          numeric(18, 2),
    price_currency        char(3),
    price_negotiable      boolean       not null default false,
    advantages            jsonb         not null default '[]',
    application_scenarios jsonb         not null default '[]',
    inventors             jsonb         not null default '[]',
    contact               jsonb,
    region                varchar(6),
    language              varchar(5)    not null default 'zh',
    expires_on            date,
    status_reason         varchar(500),
    created_at            timestamptz   not null,
    updated_at            timestamptz   not null,
    published_at          timestamptz
);

create index achievement_owner on achievement (owner_org_id, updated_at desc);
create index achievement_status_field on achievement (status, technical_field, updated_at desc);
create index achievement_updated on achievement (updated_at desc);
-- The expiry job scans only published listings with an expiry date.
create index achievement_expiry on achievement (expires_on) where status = 'PUBLISHED';

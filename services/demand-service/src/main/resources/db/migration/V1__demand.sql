-- 技术需求. The columns shared by every listing (see io.kechuang.common.listing.Listing) keep the same names as in
-- the achievement service's table.
create table demand (
    id                    uuid primary key,
    status                varchar(20)    not null,
    version               bigint         not null,
    owner_org_id          uuid           not null,
    created_by            varchar(255)   not null,
    created_at            timestamptz    not null,
    updated_at            timestamptz    not null,
    opened_at             timestamptz,

    -- What the enterprise needs solved: public once the demand is open.
    title                 varchar(200)   not null,
    problem_statement     varchar(4000),
    technical_indicators  jsonb          not null default '[]',
    keywords              jsonb          not null default '[]',
    technical_field       varchar(40),
    ipc_codes             jsonb          not null default '[]',
    cooperation_modes     jsonb          not null default '[]',
    min_trl               smallint       check (min_trl between 1 and 9),
    budget_min            numeric(18, 2),
    budget_max            numeric(18, 2),
    budget_currency       char(3),
    deadline              date,
    region                varchar(6),
    language              varchar(5)     not null default 'zh',
    close_reason          varchar(30),

    -- Confidential: only the owner and admins see these; never in events or in others' lists.
    confidential_details  varchar(10000),
    contact               jsonb,
    close_comment         varchar(500),

    constraint demand_budget_range check (budget_min is null or budget_max is null or budget_min <= budget_max)
);

create index demand_owner on demand (owner_org_id, updated_at desc);
create index demand_status_field on demand (status, technical_field, updated_at desc);
create index demand_updated on demand (updated_at desc);
-- Region filters match a prefix (510000 → every code in Sichuan).
create index demand_region on demand (region varchar_pattern_ops);
create index demand_deadline on demand (deadline);
-- The expiry job scans only demands on the market.
create index demand_expiry on demand (deadline) where status in ('OPEN', 'IN_NEGOTIATION');

-- Suggested achievement-demand pairs and, later, the broker workflow on them. One row per pair, never deleted.
create table match_suggestion (
    id                       uuid primary key,
    demand_id                uuid             not null,
    achievement_id           uuid             not null,
    demand_owner_org_id      uuid             not null,
    achievement_owner_org_id uuid             not null,
    demand_title             varchar(200)     not null,
    achievement_title        varchar(200)     not null,
    technical_field          varchar(40),
    region                   varchar(6),
    score                    double precision not null,
    breakdown                jsonb            not null,
    explanation              jsonb            not null,
    status                   varchar(30)      not null,
    version                  bigint           not null,
    created_at               timestamptz      not null,
    updated_at               timestamptz      not null,
    scored_at                timestamptz      not null,
    constraint match_suggestion_pair unique (demand_id, achievement_id)
);

create index match_suggestion_demand on match_suggestion (demand_id, score desc);
create index match_suggestion_achievement on match_suggestion (achievement_id, score desc);
create index match_suggestion_status on match_suggestion (status, score desc);

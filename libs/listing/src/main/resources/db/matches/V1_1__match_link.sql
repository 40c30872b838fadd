-- What a listing service knows about the matches of its listings, from matches.v1 (see io.kechuang.common.match).
-- Versions in this location are 1.x: they come after a consuming service's own V1, which databases created before
-- this location existed have already applied. A service's own later migrations go on from V2.
create table match_link (
    match_id            uuid         primary key,
    -- The service's own listing (a demand or an achievement), and the owner of the listing across the match.
    listing_id          uuid         not null,
    counterpart_org_id  uuid         not null,
    status              varchar(20)  not null,
    -- The aggregateVersion applied last: older and duplicate events are skipped.
    version             bigint       not null,
    broker_subject      varchar(255),
    broker_org_id       uuid,
    -- First known at INTRODUCED or later; never cleared, as a disclosed contact cannot be taken back.
    introduced_at       timestamptz,
    updated_at          timestamptz  not null
);

create index match_link_introduced on match_link (listing_id, counterpart_org_id) where introduced_at is not null;
create index match_link_broker on match_link (listing_id, broker_subject);

-- Fixed-window counters shared by every gateway replica: the per-client rate limit and the login throttle.
-- Unlogged: counters need no crash safety or replication, and they are written on every proxied request.
create unlogged table rate_window (
    bucket        varchar(300) not null,
    window_start  timestamptz  not null,
    hits          integer      not null,
    primary key (bucket, window_start)
);

create index rate_window_start on rate_window (window_start);

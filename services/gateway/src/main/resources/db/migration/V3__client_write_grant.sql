-- API clients are read-only unless an admin grants them write: a client-credentials token carries a client's write
-- roles (every role but PARTNER) only while write_granted_at is set, with the admin who granted it.
-- Existing clients start without a grant, so a client that could write loses it until an admin grants it again
-- (README, Admin API): safer than keeping write access nobody decided on.
alter table api_client add column write_granted_by varchar(64);
alter table api_client add column write_granted_at timestamptz;
alter table api_client add constraint api_client_write_grant_complete
    check ((write_granted_by is null) = (write_granted_at is null));

-- 1. The audit of assigned brokers' reads moves to the table libs/common's AssignedBrokerReads writes for every kind
--    of listing (the achievement service has one too): same rows, same ids, the demand id now listing_id.
alter table confidential_read rename to broker_read;
alter table broker_read rename column demand_id to listing_id;
alter index confidential_read_demand rename to broker_read_listing;
alter sequence confidential_read_id_seq rename to broker_read_id_seq;
alter table broker_read rename constraint confidential_read_pkey to broker_read_pkey;
alter table broker_read rename constraint confidential_read_demand_id_fkey to broker_read_listing_id_fkey;

-- 2. Whether the demand is IN_NEGOTIATION because a match introduced the parties (true), or because the enterprise
--    said so (false). Only a move the platform made is undone when every match that could carry the negotiation is
--    declined. Demands already IN_NEGOTIATION count as the enterprise's own move: which it was is not known.
alter table demand add column negotiation_by_match boolean not null default false;

/**
 * Counters shared by every gateway replica, as fixed windows in PostgreSQL ({@code rate_window}): the per-client rate
 * limit of proxied calls, and the throttle on failed sign-ins per account and per address. Each count is one
 * {@code insert ... on conflict do update ... returning}, so concurrent replicas never lose a hit.
 */
package io.kechuang.gateway.limits;

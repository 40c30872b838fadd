/**
 * Identity events on {@code identity.v1}: the organisations and users the gateway owns, as the other services may
 * know them. They carry no secret (no password hash, no client secret) and no contact data. Keyed by the
 * organisation's or the user's id; compacted, so a consumer rebuilds its directory from the beginning.
 */
package io.kechuang.events.identity;

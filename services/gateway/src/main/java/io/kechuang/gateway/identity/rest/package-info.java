/**
 * The admin API of organisations, users and API clients ({@link io.kechuang.gateway.identity.rest.AdminApi}); its
 * request and view records are in {@code identity.api}. ADMIN only. Must not: hold the rules (they are in
 * {@code identity.service}) or return an entity, or a secret other than the one shown once on creation.
 */
package io.kechuang.gateway.identity.rest;

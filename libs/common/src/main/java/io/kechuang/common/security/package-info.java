/**
 * The authenticated caller. Tokens are RS256 JWTs (issuer {@code kechuang}, audience {@code kechuang-api}) verified
 * by SmallRye JWT against a key from {@code mp.jwt.verify.publickey.location}; roles come from {@code groups}.
 * Role checks use {@code @RolesAllowed}; object-level checks use {@link io.kechuang.common.security.Caller}.
 */
package io.kechuang.common.security;

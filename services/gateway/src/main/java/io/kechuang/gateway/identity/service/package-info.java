/**
 * The identity rules: {@link io.kechuang.gateway.identity.service.IdentityService} (organisations, users, API
 * clients, in transactions), {@link io.kechuang.gateway.identity.service.RoleRules} (which roles an organisation
 * type allows), {@link io.kechuang.gateway.identity.service.Credentials} and
 * {@link io.kechuang.gateway.identity.service.Secrets} (bcrypt checks and new secrets),
 * {@link io.kechuang.gateway.identity.service.Passwords} (a user's own password change, throttled like a sign-in,
 * and an admin's reset) and
 * {@link io.kechuang.gateway.identity.service.BootstrapAdmin} (the first administrator). Must not: import
 * {@code identity.rest} (its API model is {@code identity.api}), or issue tokens (that is {@code gateway.token}).
 */
package io.kechuang.gateway.identity.service;

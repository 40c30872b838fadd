/**
 * Who may sign in: {@link io.kechuang.gateway.identity.Organisation}s, their
 * {@link io.kechuang.gateway.identity.UserAccount}s (username and bcrypt password) and
 * {@link io.kechuang.gateway.identity.ApiClient}s (client id and bcrypt secret). A user's or client's roles become the
 * token's {@code groups} and must suit its organisation's type; usernames and client ids share one namespace because
 * both become the token's {@code sub}. A new password fires the CDI event
 * {@link io.kechuang.gateway.identity.PasswordChanged}, never an identity.v1 event. {@code rest} is the admin API,
 * {@code service} the rules and the credential checks, {@code mapping} entity to API model.
 */
package io.kechuang.gateway.identity;

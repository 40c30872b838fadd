/**
 * Tokens. {@link io.kechuang.gateway.token.TokenService} runs the two OAuth2 grants behind {@code /auth/token}, with
 * the sign-in throttle; {@link io.kechuang.gateway.token.TokenResource} also lets a signed-in user change their own
 * password ({@code PUT /auth/password}, through {@code identity.service.Passwords});
 * {@link io.kechuang.gateway.token.TokenIssuer} signs short-lived RS256 JWTs with the key of
 * {@link io.kechuang.gateway.token.SigningKeys} (configured PEM files in production, a generated key in a folder
 * locally); {@link io.kechuang.gateway.token.JwksResource} publishes the public keys, which is all the services need
 * to verify tokens; {@link io.kechuang.gateway.token.TokenVerifier} checks proxied calls in-process.
 */
package io.kechuang.gateway.token;

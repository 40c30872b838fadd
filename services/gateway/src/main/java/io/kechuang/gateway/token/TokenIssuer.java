package io.kechuang.gateway.token;

import io.kechuang.gateway.GatewayConfig;
import io.kechuang.gateway.identity.Identity;
import io.kechuang.gateway.token.KeyMaterial.SigningKey;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Mints the platform's access tokens: RS256, header {@code kid} (the signing key's thumbprint); claims {@code iss},
 * {@code aud}, {@code sub} and {@code upn} (username or client id), {@code org}, {@code orgType}, {@code groups},
 * {@code iat}, {@code exp}, {@code jti}. The same format libs/testing's {@code TestTokens} mints.
 */
@ApplicationScoped
public class TokenIssuer {

    @Inject
    SigningKeys keys;

    @Inject
    GatewayConfig config;

    public IssuedToken issue(Identity identity) {
        SigningKey key = keys.current().signing();
        Duration lifetime = config.token().lifetime();
        Instant now = Instant.now();
        String token = Jwt.issuer(config.token().issuer())
                .audience(config.token().audience())
                .subject(identity.subject())
                .upn(identity.subject())
                .groups(identity.roles())
                .claim("org", identity.organisationId().toString())
                .claim("orgType", identity.orgType().name())
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .claim("jti", UUID.randomUUID().toString())
                .jws()
                .algorithm(SignatureAlgorithm.RS256)
                .keyId(key.keyId())
                .sign(key.privateKey());
        return new IssuedToken(token, "Bearer", lifetime.toSeconds());
    }
}

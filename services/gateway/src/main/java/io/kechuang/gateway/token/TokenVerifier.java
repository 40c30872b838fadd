package io.kechuang.gateway.token;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kechuang.common.security.Caller;
import io.kechuang.events.taxonomy.OrgType;
import io.kechuang.gateway.token.KeyMaterial.VerificationKey;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Checks a bearer token in-process against the gateway's own keys, picked by the token's {@code kid}: signature
 * (RS256 only), expiry, issuer and audience ({@code mp.jwt.verify.*}), and well-formed {@code org} and
 * {@code orgType} claims. Used on every proxied request, where a round trip to the JWK set would be wasted. Pure
 * CPU: safe on the event loop.
 */
@ApplicationScoped
public class TokenVerifier {

    @Inject
    SigningKeys keys;

    @Inject
    JWTParser parser;

    @Inject
    ObjectMapper mapper;

    /** The caller a valid token names, or empty for anything else (malformed, unknown key, expired, tampered...). */
    public Optional<Caller> verify(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        Optional<VerificationKey> key = keyId(token).flatMap(keys::verificationKey);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonWebToken jwt = parser.verify(token, key.get().publicKey());
            UUID org = UUID.fromString(String.valueOf((Object) jwt.getClaim("org")));
            OrgType orgType = OrgType.valueOf(String.valueOf((Object) jwt.getClaim("orgType")));
            if (jwt.getSubject() == null) {
                return Optional.empty();
            }
            return Optional.of(new Caller(jwt.getSubject(), org, orgType,
                    jwt.getGroups() == null ? java.util.Set.of() : jwt.getGroups()));
        } catch (ParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The {@code kid} of a compact JWS header, read without trusting anything else in it. */
    private Optional<String> keyId(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        try {
            JsonNode header = mapper.readTree(new String(Base64.getUrlDecoder().decode(token.substring(0, dot)),
                    StandardCharsets.UTF_8));
            JsonNode kid = header.get("kid");
            return kid != null && kid.isTextual() ? Optional.of(kid.asText()) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}

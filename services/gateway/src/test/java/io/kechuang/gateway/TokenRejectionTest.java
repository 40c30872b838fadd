package io.kechuang.gateway;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.kechuang.events.taxonomy.PlatformOrganisation;
import io.kechuang.gateway.token.KeyMaterial.SigningKey;
import io.kechuang.gateway.token.SigningKeys;
import io.kechuang.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Bad tokens are refused twice: by the gateway before proxying (its own in-process check), and by anything that
 * verifies them like a service does (here {@code /auth/me}: SmallRye JWT against the gateway's JWK set URL).
 */
@QuarkusTest
class TokenRejectionTest {

    @Inject
    SigningKeys keys;

    @Test
    void aValidTokenPassesBothChecks() {
        String token = sign(claims());
        Gateway.as(token).get("/api/achievements/echo").then().statusCode(200);
        Gateway.as(token).get("/auth/me").then().statusCode(200)
                .body("subject", equalTo("li.ttc@scu"))
                .body("orgType", equalTo("UNIVERSITY"))
                .body("roles", equalTo(List.of("UNIVERSITY")));
    }

    @Test
    void anExpiredTokenIsRefused() {
        Instant past = Instant.now().minusSeconds(3600);
        refusedEverywhere(sign(claims().issuedAt(past.minusSeconds(900)).expiresAt(past)));
    }

    @Test
    void aTamperedTokenIsRefused() {
        String token = Gateway.token(Gateway.createUser("ENTERPRISE", "ENTERPRISE"), Gateway.PASSWORD);
        String[] parts = token.split("\\.");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"ENTERPRISE\"]", "\"ADMIN\"]");
        refusedEverywhere(parts[0] + "." + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);
    }

    @Test
    void aTokenFromAnotherKeyIssuerOrAudienceIsRefused() {
        refusedEverywhere(TestTokens.university(UUID.randomUUID()));
        refusedEverywhere(TestTokens.forUser("x").org(UUID.randomUUID().toString(), "UNIVERSITY").groups("UNIVERSITY")
                .keyId(keys.current().signing().keyId()).mint());
        refusedEverywhere(sign(claims().issuer("not-kechuang")));
        refusedEverywhere(sign(claims().audience("someone-else")));
    }

    @Test
    void aTokenWithoutOrganisationClaimsIsRefused() {
        refusedEverywhere(sign(claims().remove("org")));
        refusedEverywhere(sign(claims().remove("orgType")));
        // Present but meaningless: refused wherever the caller is read (the admin API only checks the role).
        String guild = sign(claims().claim("orgType", "GUILD"));
        Gateway.as(guild).get("/api/achievements/echo").then().statusCode(401);
        Gateway.as(guild).get("/auth/me").then().statusCode(401);
    }

    @Test
    void anUnsignedTokenIsRefused() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String token = sign(claims());
        refusedEverywhere(header + "." + token.split("\\.")[1] + ".");
    }

    private void refusedEverywhere(String token) {
        Gateway.as(token).get("/api/achievements/echo").then().statusCode(401)
                .contentType(containsString("application/problem+json"));
        Gateway.as(token).get("/auth/me").then().statusCode(401)
                .contentType(containsString("application/problem+json"));
        Gateway.as(token).get("/api/admin/users").then().statusCode(401);
    }

    private static JwtClaimsBuilder claims() {
        Instant now = Instant.now();
        return Jwt.issuer("kechuang").audience("kechuang-api").subject("li.ttc@scu").upn("li.ttc@scu")
                .groups(Set.of("UNIVERSITY")).claim("org", PlatformOrganisation.ID.toString())
                .claim("orgType", "UNIVERSITY").issuedAt(now).expiresAt(now.plusSeconds(600));
    }

    /** Signed with the gateway's real signing key: only the claims are wrong. */
    private String sign(JwtClaimsBuilder claims) {
        SigningKey key = keys.current().signing();
        return claims.jws().algorithm(SignatureAlgorithm.RS256).keyId(key.keyId()).sign(key.privateKey());
    }
}

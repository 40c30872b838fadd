package io.kechuang.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.events.taxonomy.PlatformOrganisation;
import java.nio.file.Files;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

class TestTokensTest {

    /** Reads the PEM file the way a service would be configured to. */
    private static PublicKey pemKey() throws Exception {
        String pem = Files.readString(TestTokens.publicKeyPemPath());
        assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----"));
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
    }

    private static JwtConsumer consumer() throws Exception {
        return new JwtConsumerBuilder()
                .setVerificationKey(pemKey())
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setExpectedIssuer("kechuang")
                .setExpectedAudience("kechuang-api")
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireSubject()
                .build();
    }

    @Test
    void mintedTokenVerifiesAndCarriesEveryClaim() throws Exception {
        String org = UUID.randomUUID().toString();
        String jwt = TestTokens.forUser("alice").org(org, "UNIVERSITY").groups("UNIVERSITY", "PARTNER")
                .upn("alice@tsinghua.example").mint();

        JwtClaims claims = consumer().processToClaims(jwt);
        assertEquals("kechuang", claims.getIssuer());
        assertEquals(List.of("kechuang-api"), claims.getAudience());
        assertEquals("alice", claims.getSubject());
        assertEquals("alice@tsinghua.example", claims.getStringClaimValue("upn"));
        assertEquals(org, claims.getStringClaimValue("org"));
        assertEquals("UNIVERSITY", claims.getStringClaimValue("orgType"));
        assertEquals(List.of("UNIVERSITY", "PARTNER"), claims.getStringListClaimValue("groups"));
        long lifetime = claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue();
        assertEquals(3600, lifetime);

        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(jwt);
        assertEquals("test-key-1", jws.getKeyIdHeaderValue());
        assertEquals("RS256", jws.getAlgorithmHeaderValue());
    }

    @Test
    void shortcuts() throws Exception {
        UUID org = UUID.randomUUID();
        JwtConsumer c = consumer();
        assertRole(c.processToClaims(TestTokens.university(org)), org.toString(), "UNIVERSITY", "UNIVERSITY");
        assertRole(c.processToClaims(TestTokens.enterprise(org)), org.toString(), "ENTERPRISE", "ENTERPRISE");
        assertRole(c.processToClaims(TestTokens.broker(org)), org.toString(), "BROKERAGE", "BROKER");
        assertRole(c.processToClaims(TestTokens.partner(org)), org.toString(), "RESEARCH_INSTITUTE", "PARTNER");
        assertRole(c.processToClaims(TestTokens.admin()), PlatformOrganisation.ID.toString(), "PLATFORM", "ADMIN");
    }

    private static void assertRole(JwtClaims claims, String org, String orgType, String group) throws Exception {
        assertEquals(org, claims.getStringClaimValue("org"));
        assertEquals(orgType, claims.getStringClaimValue("orgType"));
        assertEquals(List.of(group), claims.getStringListClaimValue("groups"));
    }

    @Test
    void negativeVariantsAreRejected() throws Exception {
        String org = UUID.randomUUID().toString();
        JwtConsumer c = consumer();
        for (String bad : List.of(TestTokens.expired(org), TestTokens.signedByUnknownKey(org),
                TestTokens.wrongIssuer(org), TestTokens.wrongAudience(org))) {
            assertThrows(InvalidJwtException.class, () -> c.processToClaims(bad));
        }
    }

    @Test
    void oneKeyPerJvm() throws Exception {
        assertEquals(TestTokens.publicKey(), pemKey());
        assertEquals(TestTokens.publicKeyPemPath(), TestTokens.publicKeyPemPath());
        assertEquals("file:" + TestTokens.publicKeyPemPath().toAbsolutePath(), TestTokens.publicKeyLocation());
    }
}

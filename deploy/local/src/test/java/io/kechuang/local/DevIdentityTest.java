package io.kechuang.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevIdentityTest {

    @TempDir
    Path keys;

    @Test
    void tokensCarryThePlatformClaimsAndVerifyWithThePublishedKey() throws Exception {
        DevIdentity identity = DevIdentity.loadOrCreate(keys);
        Instant now = Instant.now();
        DevTokens tokens = identity.mint(now, Duration.ofHours(12));

        JwtConsumer consumer = new JwtConsumerBuilder()
                .setExpectedIssuer("kechuang")
                .setExpectedAudience("kechuang-api")
                .setRequireExpirationTime()
                .setVerificationKey(publicKey(identity))
                .build();
        for (DemoUser user : DemoUser.values()) {
            JwtContext context = consumer.process(tokens.token(user));
            JwtClaims claims = context.getJwtClaims();
            assertEquals(user.subject(), claims.getSubject());
            assertEquals(user.orgId(), claims.getStringClaimValue("org"));
            assertEquals(user.orgType(), claims.getStringClaimValue("orgType"));
            assertEquals(user.groups(), claims.getStringListClaimValue("groups"));
            assertEquals(user.upn(), claims.getStringClaimValue("upn"));
            assertEquals(12 * 3600, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
            JsonWebSignature jws = (JsonWebSignature) context.getJoseObjects().get(0);
            assertEquals("RS256", jws.getAlgorithmHeaderValue());
            assertEquals(identity.keyId(), jws.getKeyIdHeaderValue());
        }
    }

    @Test
    void theKeyPairIsMadeOnceAndKeptPrivate() throws Exception {
        DevIdentity first = DevIdentity.loadOrCreate(keys);
        DevIdentity again = DevIdentity.loadOrCreate(keys);
        assertEquals(first.keyId(), again.keyId());
        assertEquals("file:" + keys.resolve("jwt-public.pem").toAbsolutePath(), first.publicKeyLocation());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("jwt-private.pem"))));

        Path other = keys.resolve("other");
        assertNotEquals(first.keyId(), DevIdentity.loadOrCreate(other).keyId());
    }

    @Test
    void tokensEnvExportsEveryTokenAndOrganisation() throws Exception {
        DevTokens tokens = DevIdentity.loadOrCreate(keys).mint(Instant.now(), Duration.ofHours(1));
        Path env = keys.resolve("tokens.env");
        tokens.writeEnvFile(env);
        List<String> lines = Files.readAllLines(env);
        for (DemoUser user : DemoUser.values()) {
            assertTrue(lines.contains("export " + user.tokenVariable() + "=" + tokens.token(user)), user.name());
            assertTrue(lines.contains("export " + user.orgVariable() + "=" + user.orgId()), user.name());
        }
    }

    /** Read the way a service reads it: the PEM file, nothing else. */
    private static PublicKey publicKey(DevIdentity identity) throws Exception {
        String pem = Files.readString(identity.publicKeyFile());
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}

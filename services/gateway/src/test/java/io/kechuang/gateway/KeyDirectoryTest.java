package io.kechuang.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.gateway.token.KeyDirectory;
import io.kechuang.gateway.token.KeyMaterial;
import io.kechuang.gateway.token.KeySet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated keys: made once, reused after a restart, rotated with the previous key kept. No Quarkus needed. */
class KeyDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void aKeyIsGeneratedOnFirstStartAndReusedAfterwards() throws Exception {
        KeySet first = new KeyDirectory(dir, 2048).load();
        KeySet again = new KeyDirectory(dir, 2048).load();
        assertEquals(first.signing().keyId(), again.signing().keyId());
        assertEquals(List.of(first.signing().keyId()),
                again.verificationKeys().stream().map(KeyMaterial.VerificationKey::keyId).toList());
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("signing-key.pem"))));
        assertTrue(Files.readString(dir.resolve("signing-key.pem")).startsWith("-----BEGIN PRIVATE KEY-----"));
    }

    @Test
    void aRotationKeepsThePreviousPublicKeyAcrossRestarts() {
        KeySet first = new KeyDirectory(dir, 2048).load();
        KeySet rotated = new KeyDirectory(dir, 2048).rotate();
        assertNotEquals(first.signing().keyId(), rotated.signing().keyId());
        KeySet restarted = new KeyDirectory(dir, 2048).load();
        assertEquals(rotated.signing().keyId(), restarted.signing().keyId());
        assertEquals(List.of(rotated.signing().keyId(), first.signing().keyId()),
                restarted.verificationKeys().stream().map(KeyMaterial.VerificationKey::keyId).toList());
        assertTrue(restarted.jwks().contains(first.signing().keyId()));
        assertTrue(!restarted.jwks().contains("\"d\""), "no private parts in the JWK set");
    }

    @Test
    void configuredPemKeysAreReadAndNamedByTheirThumbprint() throws Exception {
        KeyMaterial.SigningKey key = KeyMaterial.generate(2048);
        Path privatePem = dir.resolve("prod-signing.pem");
        Path publicPem = dir.resolve("prod-public.pem");
        Files.writeString(privatePem, KeyMaterial.privatePem(key));
        Files.writeString(publicPem, KeyMaterial.publicPem(key.publicKey()));
        assertEquals(key.keyId(), KeyMaterial.readSigningKey(privatePem).keyId());
        assertEquals(key.keyId(), KeyMaterial.readVerificationKey(publicPem).keyId());
        assertEquals(key.keyId(), KeyMaterial.readVerificationKey(privatePem).keyId());
        assertEquals(43, key.keyId().length(), "base64url SHA-256 thumbprint");
    }
}

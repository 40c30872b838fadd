package io.kechuang.gateway.token;

import io.kechuang.gateway.PrivateFiles;
import io.kechuang.gateway.token.KeyMaterial.SigningKey;
import io.kechuang.gateway.token.KeyMaterial.VerificationKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Generated keys in a folder, for a single gateway without configured keys (the local platform): the signing key
 * is made on first start and reused afterwards; a rotation keeps the previous public key, so tokens signed before it
 * stay valid until they expire.
 *
 * <ul>
 * <li>{@code signing-key.pem}: the current private key (PKCS#8, owner-readable only)</li>
 * <li>{@code previous-public-key.pem}: the public key that signed before the last rotation</li>
 * </ul>
 */
public final class KeyDirectory {

    static final String SIGNING = "signing-key.pem";
    static final String PREVIOUS = "previous-public-key.pem";

    private final Path dir;
    private final int bits;

    public KeyDirectory(Path dir, int bits) {
        this.dir = dir;
        this.bits = bits;
    }

    /** The current keys, generating the signing key if the folder has none. */
    public KeySet load() {
        Path signingFile = dir.resolve(SIGNING);
        SigningKey signing;
        if (Files.exists(signingFile)) {
            signing = KeyMaterial.readSigningKey(signingFile);
        } else {
            signing = KeyMaterial.generate(bits);
            write(signingFile, KeyMaterial.privatePem(signing));
        }
        return new KeySet(signing, previous(), true);
    }

    /** Makes a new signing key; the current one becomes the previous one. */
    public KeySet rotate() {
        SigningKey current = load().signing();
        write(dir.resolve(PREVIOUS), KeyMaterial.publicPem(current.publicKey()));
        SigningKey next = KeyMaterial.generate(bits);
        write(dir.resolve(SIGNING), KeyMaterial.privatePem(next));
        return new KeySet(next, previous(), true);
    }

    public Path path() {
        return dir;
    }

    private List<VerificationKey> previous() {
        Path file = dir.resolve(PREVIOUS);
        List<VerificationKey> keys = new ArrayList<>();
        if (Files.exists(file)) {
            keys.add(KeyMaterial.readVerificationKey(file));
        }
        return keys;
    }

    private static void write(Path file, String content) {
        try {
            PrivateFiles.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the key file " + file, e);
        }
    }
}

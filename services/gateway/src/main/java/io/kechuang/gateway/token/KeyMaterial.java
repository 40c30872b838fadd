package io.kechuang.gateway.token;

import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.HashUtil;

/** RSA keys in PEM files, and their key ids: the RFC 7638 JWK thumbprint, so an id always names the same key. */
public final class KeyMaterial {

    private KeyMaterial() {
    }

    /** A key the gateway signs with. */
    public record SigningKey(String keyId, RSAPrivateCrtKey privateKey, RSAPublicKey publicKey) {
        public VerificationKey verification() {
            return new VerificationKey(keyId, publicKey);
        }
    }

    /** A key tokens are checked against and that the JWK set publishes. */
    public record VerificationKey(String keyId, RSAPublicKey publicKey) {
    }

    public static SigningKey generate(int bits) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            KeyPair pair = generator.generateKeyPair();
            return signingKey((RSAPrivateCrtKey) pair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate an RSA key pair", e);
        }
    }

    public static SigningKey signingKey(RSAPrivateCrtKey privateKey) {
        RSAPublicKey publicKey = publicKeyOf(privateKey);
        return new SigningKey(keyId(publicKey), privateKey, publicKey);
    }

    public static VerificationKey verificationKey(RSAPublicKey publicKey) {
        return new VerificationKey(keyId(publicKey), publicKey);
    }

    /** Reads a PKCS#8 PEM RSA private key. */
    public static SigningKey readSigningKey(Path file) {
        try {
            if (!(KeyUtils.decodePrivateKey(read(file)) instanceof RSAPrivateCrtKey rsa)) {
                throw new IllegalStateException(file + " does not hold an RSA private key");
            }
            return signingKey(rsa);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(file + " does not hold a PKCS#8 PEM RSA private key", e);
        }
    }

    /** Reads a PEM public key, or a PEM private key and keeps only its public half. */
    public static VerificationKey readVerificationKey(Path file) {
        String pem = read(file);
        if (pem.contains("PRIVATE KEY")) {
            return readSigningKey(file).verification();
        }
        try {
            if (!(KeyUtils.decodePublicKey(pem) instanceof RSAPublicKey rsa)) {
                throw new IllegalStateException(file + " does not hold an RSA public key");
            }
            return verificationKey(rsa);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(file + " does not hold a PEM RSA public key", e);
        }
    }

    public static String privatePem(SigningKey key) {
        return pem("PRIVATE KEY", key.privateKey().getEncoded());
    }

    public static String publicPem(RSAPublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    static String keyId(RSAPublicKey publicKey) {
        return new RsaJsonWebKey(publicKey).calculateBase64urlEncodedThumbprint(HashUtil.SHA_256);
    }

    private static RSAPublicKey publicKeyOf(RSAPrivateCrtKey privateKey) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the key file " + file, e);
        }
    }
}

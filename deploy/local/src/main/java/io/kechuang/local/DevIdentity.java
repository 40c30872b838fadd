package io.kechuang.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;

import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.HashUtil;
import org.jose4j.lang.JoseException;

/**
 * The development identity of the local platform until the gateway signs users in: an RSA key pair made on the
 * first start ({@code keys/jwt-private.pem}, {@code keys/jwt-public.pem}, never committed) and RS256 tokens for
 * the {@link DemoUser}s in the platform's format (issuer {@code kechuang}, audience {@code kechuang-api}, a
 * {@code kid} header, claims {@code sub}, {@code upn}, {@code org}, {@code orgType}, {@code groups}). The services
 * verify them with the public key, passed as {@code MP_JWT_VERIFY_PUBLICKEY_LOCATION}.
 */
public final class DevIdentity {

    public static final String ISSUER = "kechuang";
    public static final String AUDIENCE = "kechuang-api";

    private static final String PRIVATE_PEM = "jwt-private.pem";
    private static final String PUBLIC_PEM = "jwt-public.pem";

    private final PrivateKey privateKey;
    private final Path publicKeyFile;
    private final String keyId;

    private DevIdentity(PrivateKey privateKey, RSAPublicKey publicKey, Path publicKeyFile) {
        this.privateKey = privateKey;
        this.publicKeyFile = publicKeyFile;
        // RFC 7638 thumbprint: a new key pair gets a new kid.
        this.keyId = new RsaJsonWebKey(publicKey).calculateBase64urlEncodedThumbprint(HashUtil.SHA_256);
    }

    /** Reads the key pair in {@code keysDir}, or makes one there. */
    public static DevIdentity loadOrCreate(Path keysDir) {
        Path privateFile = keysDir.resolve(PRIVATE_PEM);
        Path publicFile = keysDir.resolve(PUBLIC_PEM);
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (!Files.isRegularFile(privateFile) || !Files.isRegularFile(publicFile)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                PrivateFiles.write(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                PrivateFiles.write(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            }
            PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(readPem(privateFile)));
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(readPem(publicFile)));
            return new DevIdentity(privateKey, publicKey, publicFile.toAbsolutePath());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Unreadable development keys in " + keysDir
                    + "; delete that folder to make new ones", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PEM file the services verify tokens with. */
    public Path publicKeyFile() {
        return publicKeyFile;
    }

    /** {@code file:<absolute path>}, for {@code mp.jwt.verify.publickey.location}. */
    public String publicKeyLocation() {
        return "file:" + publicKeyFile;
    }

    public String keyId() {
        return keyId;
    }

    /** A token for every demo user, issued {@code now}, valid for {@code lifetime}. */
    public DevTokens mint(Instant now, Duration lifetime) {
        now = now.truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(lifetime);
        Map<DemoUser, String> tokens = new EnumMap<>(DemoUser.class);
        for (DemoUser user : DemoUser.values()) {
            tokens.put(user, sign(user, now, expires));
        }
        return new DevTokens(tokens, now, expires, keyId);
    }

    private String sign(DemoUser user, Instant issuedAt, Instant expires) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(AUDIENCE);
        claims.setSubject(user.subject());
        claims.setStringClaim("upn", user.upn());
        claims.setStringClaim("org", user.orgId());
        claims.setStringClaim("orgType", user.orgType());
        claims.setStringListClaim("groups", user.groups());
        claims.setIssuedAt(NumericDate.fromSeconds(issuedAt.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(expires.getEpochSecond()));
        claims.setGeneratedJwtId();

        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        jws.setKeyIdHeaderValue(keyId);
        jws.setPayload(claims.toJson());
        jws.setKey(privateKey);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("signing a development token failed", e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] readPem(Path file) throws IOException {
        StringBuilder base64 = new StringBuilder();
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            if (!line.startsWith("-----")) {
                base64.append(line.strip());
            }
        }
        return Base64.getDecoder().decode(base64.toString());
    }
}

package io.kechuang.testing;

import io.kechuang.events.taxonomy.PlatformOrganisation;
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
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * RS256 JWTs in the platform's format, for tests:
 * header {@code alg=RS256, typ=JWT, kid=test-key-1}; claims {@code iss=kechuang}, {@code aud=kechuang-api},
 * {@code sub}, {@code upn}, {@code org} (organisation UUID), {@code orgType} (UNIVERSITY,
 * RESEARCH_INSTITUTE, ENTERPRISE, BROKERAGE, or PLATFORM for admins), {@code groups} (UNIVERSITY,
 * ENTERPRISE, BROKER, PARTNER, ADMIN), {@code iat}, {@code exp} (1 hour by default), {@code jti}.
 *
 * <pre>{@code
 * String t = TestTokens.forUser("alice").org(orgId, "UNIVERSITY").groups("UNIVERSITY").mint();
 * String u = TestTokens.university(orgId);
 * given().auth().oauth2(u).get("/api/...");
 * }</pre>
 *
 * <p>One RSA key pair per JVM (shared across class loaders through system properties, so tokens minted in
 * a Quarkus test verify against the key the test resource configured). The public key is written once as
 * PEM under {@code java.io.tmpdir} ({@link #publicKeyPemPath()}), deleted at JVM exit.
 */
public final class TestTokens {

    public static final String ISSUER = "kechuang";
    public static final String AUDIENCE = "kechuang-api";
    public static final String KEY_ID = "test-key-1";
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    private static final String PROP_KEYS = "kechuang.testing.jwt.keys";
    private static final String PROP_PEM = "kechuang.testing.jwt.public-key-pem";

    private TestTokens() {
    }

    // ---------------------------------------------------------------- fluent entry point and shortcuts

    /** Starts a token for subject {@code sub} (also the default {@code upn}: {@code <sub>@kechuang.test}). */
    public static Builder forUser(String subject) {
        return new Builder(subject);
    }

    /** A university user: orgType UNIVERSITY, groups [UNIVERSITY]. */
    public static String university(String orgId) {
        return forUser("university-user").org(orgId, "UNIVERSITY").groups("UNIVERSITY").mint();
    }

    public static String university(UUID orgId) {
        return university(orgId.toString());
    }

    /** An enterprise user: orgType ENTERPRISE, groups [ENTERPRISE]. */
    public static String enterprise(String orgId) {
        return forUser("enterprise-user").org(orgId, "ENTERPRISE").groups("ENTERPRISE").mint();
    }

    public static String enterprise(UUID orgId) {
        return enterprise(orgId.toString());
    }

    /** A technology broker: orgType BROKERAGE, groups [BROKER]. */
    public static String broker(String orgId) {
        return forUser("broker-user").org(orgId, "BROKERAGE").groups("BROKER").mint();
    }

    public static String broker(UUID orgId) {
        return broker(orgId.toString());
    }

    /** A partner: orgType RESEARCH_INSTITUTE, groups [PARTNER]. Use {@link #partner(String, String)} for another type. */
    public static String partner(String orgId) {
        return partner(orgId, "RESEARCH_INSTITUTE");
    }

    public static String partner(UUID orgId) {
        return partner(orgId.toString());
    }

    public static String partner(String orgId, String orgType) {
        return forUser("partner-user").org(orgId, orgType).groups("PARTNER").mint();
    }

    /** A platform administrator: org {@link PlatformOrganisation#ID}, orgType PLATFORM, groups [ADMIN]. */
    public static String admin() {
        return forUser("platform-admin").org(PlatformOrganisation.ID.toString(), "PLATFORM").groups("ADMIN").mint();
    }

    // ---------------------------------------------------------------- negative variants (university user)

    /** Expired an hour ago (issued two hours ago). */
    public static String expired(String orgId) {
        return forUser("university-user").org(orgId, "UNIVERSITY").groups("UNIVERSITY").expired().mint();
    }

    /** Well-formed, but signed by a key the services do not know (same kid). */
    public static String signedByUnknownKey(String orgId) {
        return forUser("university-user").org(orgId, "UNIVERSITY").groups("UNIVERSITY").signedByUnknownKey().mint();
    }

    /** Issuer {@code not-kechuang}. */
    public static String wrongIssuer(String orgId) {
        return forUser("university-user").org(orgId, "UNIVERSITY").groups("UNIVERSITY").issuer("not-kechuang").mint();
    }

    /** Audience {@code not-kechuang-api}. */
    public static String wrongAudience(String orgId) {
        return forUser("university-user").org(orgId, "UNIVERSITY").groups("UNIVERSITY").audience("not-kechuang-api")
                .mint();
    }

    // ---------------------------------------------------------------- keys

    /** The PEM file (X.509 SubjectPublicKeyInfo) of the JVM's verification key. */
    public static Path publicKeyPemPath() {
        keys();
        return Path.of(System.getProperty(PROP_PEM));
    }

    /** {@code file:<absolute path>} of {@link #publicKeyPemPath()}, for {@code mp.jwt.verify.publickey.location}. */
    public static String publicKeyLocation() {
        return "file:" + publicKeyPemPath().toAbsolutePath();
    }

    /** The PEM text of the verification key. */
    public static String publicKeyPem() {
        return pem(keys().getPublic());
    }

    /** The verification key as one line of Base64 (X.509 DER), for {@code mp.jwt.verify.publickey}. */
    public static String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(keys().getPublic().getEncoded());
    }

    public static PublicKey publicKey() {
        return keys().getPublic();
    }

    private static volatile KeyPair keyPair;
    private static volatile KeyPair foreignKeyPair;

    private static KeyPair keys() {
        KeyPair kp = keyPair;
        if (kp != null) {
            return kp;
        }
        // Interned literal: one lock per JVM across class loaders.
        synchronized ("io.kechuang.testing.TestTokens.keys") {
            if (keyPair == null) {
                keyPair = loadOrCreateJvmKeys();
            }
            return keyPair;
        }
    }

    private static KeyPair loadOrCreateJvmKeys() {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            String shared = System.getProperty(PROP_KEYS);
            if (shared != null && System.getProperty(PROP_PEM) != null) {
                String[] parts = shared.split(":");
                Base64.Decoder b64 = Base64.getDecoder();
                PrivateKey priv = rsa.generatePrivate(new PKCS8EncodedKeySpec(b64.decode(parts[0])));
                PublicKey pub = rsa.generatePublic(new X509EncodedKeySpec(b64.decode(parts[1])));
                return new KeyPair(pub, priv);
            }
            KeyPair kp = generate();
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            Files.createDirectories(tmp);
            Path dir = Files.createTempDirectory(tmp, "kechuang-jwt-");
            Path pem = dir.resolve("public-key.pem");
            Files.writeString(pem, pem(kp.getPublic()), StandardCharsets.US_ASCII);
            dir.toFile().deleteOnExit();
            pem.toFile().deleteOnExit(); // deleteOnExit runs in reverse order: file first, then folder
            Base64.Encoder b64 = Base64.getEncoder();
            System.setProperty(PROP_PEM, pem.toString());
            System.setProperty(PROP_KEYS, b64.encodeToString(kp.getPrivate().getEncoded()) + ":"
                    + b64.encodeToString(kp.getPublic().getEncoded()));
            return kp;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyPair foreignKeys() {
        KeyPair kp = foreignKeyPair;
        if (kp == null) {
            synchronized (TestTokens.class) {
                if (foreignKeyPair == null) {
                    foreignKeyPair = generate();
                }
                kp = foreignKeyPair;
            }
        }
        return kp;
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(PublicKey key) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    // ---------------------------------------------------------------- builder

    /** A token under construction; {@link #mint()} signs it. */
    public static final class Builder {
        private final String subject;
        private String upn;
        private String org;
        private String orgType;
        private final List<String> groups = new ArrayList<>();
        private String issuer = ISSUER;
        private Object audience = AUDIENCE;
        private String keyId = KEY_ID;
        private Instant issuedAt;
        private Instant expiresAt;
        private Duration lifetime = DEFAULT_LIFETIME;
        private boolean foreignKey;
        private final Map<String, Object> extra = new LinkedHashMap<>();

        private Builder(String subject) {
            this.subject = Objects.requireNonNull(subject, "subject");
        }

        /** Organisation id (UUID string) and type (UNIVERSITY, RESEARCH_INSTITUTE, ENTERPRISE, BROKERAGE, PLATFORM). */
        public Builder org(String orgId, String orgType) {
            this.org = orgId;
            this.orgType = orgType;
            return this;
        }

        public Builder org(UUID orgId, String orgType) {
            return org(orgId.toString(), orgType);
        }

        /** Adds groups (UNIVERSITY, ENTERPRISE, BROKER, PARTNER, ADMIN). */
        public Builder groups(String... groups) {
            this.groups.addAll(List.of(groups));
            return this;
        }

        public Builder upn(String upn) {
            this.upn = upn;
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder audience(String audience) {
            this.audience = audience;
            return this;
        }

        public Builder audiences(String... audiences) {
            this.audience = List.of(audiences);
            return this;
        }

        public Builder keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        public Builder issuedAt(Instant issuedAt) {
            this.issuedAt = issuedAt;
            return this;
        }

        public Builder expiresAt(Instant expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        public Builder lifetime(Duration lifetime) {
            this.lifetime = lifetime;
            return this;
        }

        /** Issued two hours ago, expired one hour ago. */
        public Builder expired() {
            Instant now = Instant.now();
            this.issuedAt = now.minus(Duration.ofHours(2));
            this.expiresAt = now.minus(Duration.ofHours(1));
            return this;
        }

        /** Signs with a key pair the services do not trust (same {@code kid}). */
        public Builder signedByUnknownKey() {
            this.foreignKey = true;
            return this;
        }

        /** Any other claim: String, Number, Boolean, or a Collection of those; null removes a claim. */
        public Builder claim(String name, Object value) {
            this.extra.put(name, value);
            return this;
        }

        /** The signed compact JWS. */
        public String mint() {
            Instant iat = issuedAt != null ? issuedAt : Instant.now();
            Instant exp = expiresAt != null ? expiresAt : iat.plus(lifetime);

            Map<String, Object> header = new LinkedHashMap<>();
            header.put("alg", "RS256");
            header.put("typ", "JWT");
            header.put("kid", keyId);

            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("iss", issuer);
            claims.put("aud", audience);
            claims.put("sub", subject);
            claims.put("upn", upn != null ? upn : subject + "@kechuang.test");
            claims.put("org", org);
            claims.put("orgType", orgType);
            claims.put("groups", List.copyOf(groups));
            claims.put("iat", iat.getEpochSecond());
            claims.put("exp", exp.getEpochSecond());
            claims.put("jti", UUID.randomUUID().toString());
            claims.putAll(extra);
            claims.values().removeIf(Objects::isNull);

            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String signingInput = b64.encodeToString(Json.write(header).getBytes(StandardCharsets.UTF_8)) + "."
                    + b64.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
            try {
                Signature rs256 = Signature.getInstance("SHA256withRSA");
                rs256.initSign(foreignKey ? foreignKeys().getPrivate() : keys().getPrivate());
                rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
                return signingInput + "." + b64.encodeToString(rs256.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Just enough JSON for JWT headers and claims. */
    static final class Json {
        private Json() {
        }

        static String write(Object value) {
            StringBuilder sb = new StringBuilder();
            write(sb, value);
            return sb.toString();
        }

        private static void write(StringBuilder sb, Object v) {
            if (v == null) {
                sb.append("null");
            } else if (v instanceof String s) {
                string(sb, s);
            } else if (v instanceof Number || v instanceof Boolean) {
                sb.append(v);
            } else if (v instanceof UUID || v instanceof Enum<?>) {
                string(sb, v.toString());
            } else if (v instanceof Map<?, ?> m) {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    string(sb, String.valueOf(e.getKey()));
                    sb.append(':');
                    write(sb, e.getValue());
                }
                sb.append('}');
            } else if (v instanceof Collection<?> c) {
                sb.append('[');
                boolean first = true;
                for (Object o : c) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    write(sb, o);
                }
                sb.append(']');
            } else {
                throw new IllegalArgumentException("unsupported claim value: " + v.getClass());
            }
        }

        private static void string(StringBuilder sb, String s) {
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    case '\b' -> sb.append("\\b");
                    case '\f' -> sb.append("\\f");
                    default -> {
                        if (c < 0x20) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            sb.append('"');
        }
    }
}

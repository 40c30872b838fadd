package io.kechuang.gateway.identity.service;

import io.kechuang.gateway.GatewayConfig;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Password and client-secret hashing (bcrypt through Elytron's {@code BcryptUtil}) and generated secrets. Checking
 * an unknown account still costs one bcrypt round, so response times do not tell which accounts exist.
 */
@ApplicationScoped
public class Secrets {

    /** bcrypt reads at most 72 bytes; longer secrets would be silently truncated. */
    public static final int MAX_BYTES = 72;

    /** Why a password that does not {@link #fits} is refused. */
    public static final String TOO_LONG = "must be at most " + MAX_BYTES + " bytes in UTF-8";

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    GatewayConfig config;

    private volatile String decoy;

    /** Hashes the decoy at start-up, so that not even the first check of an unknown account is slower. */
    void warmUp(@Observes StartupEvent event) {
        decoy();
    }

    /** Whether bcrypt reads all of {@code secret}: at most {@link #MAX_BYTES} bytes in UTF-8. */
    public static boolean fits(String secret) {
        return secret.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }

    public String hash(String secret) {
        return BcryptUtil.bcryptHash(secret, config.token().bcryptCost());
    }

    /** Whether {@code secret} matches {@code hash}; with a null hash (no such account) it spends the same time and fails. */
    public boolean matches(String secret, String hash) {
        if (hash == null) {
            BcryptUtil.matches(secret, decoy());
            return false;
        }
        return BcryptUtil.matches(secret, hash);
    }

    /** A random secret of {@code bytes} bytes, URL-safe Base64 without padding. */
    public static String generate(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /** {@code bytes} random bytes as lower-case hex. */
    public static String hex(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return java.util.HexFormat.of().formatHex(raw);
    }

    private String decoy() {
        String d = decoy;
        if (d == null) {
            d = hash(generate(16));
            decoy = d;
        }
        return d;
    }
}

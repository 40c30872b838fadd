package io.kechuang.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything the gateway reads from {@code kechuang.gateway.*}. */
@ConfigMapping(prefix = "kechuang.gateway")
public interface GatewayConfig {

    /**
     * The route table: {@code achievements=http://localhost:8081} sends {@code /api/achievements} and everything
     * below it to that service. Several prefixes may share one service.
     */
    Map<String, URI> routes();

    Upstream upstream();

    Token token();

    Keys keys();

    @WithName("rate-limit")
    RateLimit rateLimit();

    Login login();

    @WithName("bootstrap-admin")
    BootstrapAdmin bootstrapAdmin();

    @WithName("openapi")
    OpenApi openApi();

    interface Upstream {
        /** How long to wait for a connection to a service before answering 503. */
        @WithDefault("2s")
        Duration connectTimeout();

        /** How long a service may stay silent (no response bytes) before the gateway answers 504. */
        @WithDefault("30s")
        Duration idleTimeout();

        /** Pooled HTTP/1.1 connections per service. */
        @WithDefault("64")
        int maxConnections();
    }

    interface Token {
        /** Lifetime of an access token. There are no refresh tokens: see the README. */
        @WithDefault("15m")
        Duration lifetime();

        @WithDefault("kechuang")
        String issuer();

        @WithDefault("kechuang-api")
        String audience();

        /** bcrypt cost for passwords and client secrets (2^cost rounds). */
        @WithDefault("12")
        int bcryptCost();
    }

    interface Keys {
        /**
         * The signing key, a PKCS#8 PEM RSA private key (production). Without it the gateway generates a key pair in
         * {@link #directory()} on first start and reuses it afterwards.
         */
        Optional<Path> signingKey();

        /**
         * More keys to publish in the JWK set and accept, as PEM public or private keys: the previous signing key
         * until its last token has expired, or the next one before any replica signs with it.
         */
        Optional<List<Path>> publishedKeys();

        /** Where generated keys live when no signing key is configured. */
        @WithDefault("${KECHUANG_DATA_DIR:data}/keys")
        Path directory();

        /** RSA modulus size of generated keys. */
        @WithDefault("2048")
        int generatedKeySize();
    }

    interface RateLimit {
        /** Requests a signed-in client (token subject) may send through the gateway per window. */
        @WithDefault("600")
        int requests();

        @WithDefault("1m")
        Duration window();
    }

    interface Login {
        /** Failed sign-ins for one username or client id before further attempts get 429. */
        @WithDefault("5")
        int maxFailuresPerAccount();

        /** Failed sign-ins from one IP address, whatever the account, before further attempts get 429. */
        @WithDefault("30")
        int maxFailuresPerAddress();

        @WithDefault("15m")
        Duration window();
    }

    interface BootstrapAdmin {
        /** Whether to create a first administrator when none exists. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("admin")
        String username();

        /** Its password; when absent one is generated and printed once to the log (and to {@link #passwordFile()}). */
        Optional<String> password();

        /** If set, a generated password is also written to this file (owner-readable only). */
        Optional<Path> passwordFile();
    }

    interface OpenApi {
        /** How long the merged document is reused before the services are asked again. */
        @WithDefault("30s")
        Duration cacheFor();

        /** How long to wait for one service's document. */
        @WithDefault("3s")
        Duration fetchTimeout();
    }
}

package io.kechuang.reliability.fuzz;

import io.kechuang.local.DemoUser;
import io.kechuang.local.GatewayClient;
import io.kechuang.local.RunningPlatform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The platform a fuzz run talks to: its gateway and the demo accounts' tokens. Either one the test started
 * ({@link #of(RunningPlatform)}) or one already running from {@code deploy/local/run} ({@link #running(Path)}, read
 * from the {@code tokens.env} in its data folder; start it with the raised limits the test uses).
 */
public interface PlatformAccess {

    URI gatewayUrl();

    /** A valid token of a demo account. */
    String token(DemoUser user);

    /** A newly signed administrator's token (valid after the signing key was rotated). */
    String freshAdminToken();

    /**
     * The Kafka broker's {@code host:port}, where the suite writes the dead letters it replays; empty for a platform
     * started elsewhere unless {@code -Dfuzz.kafka} names it.
     */
    Optional<String> kafkaBootstrapServers();

    static PlatformAccess of(RunningPlatform platform) {
        return new PlatformAccess() {
            @Override
            public URI gatewayUrl() {
                return platform.gatewayUrl();
            }

            @Override
            public String token(DemoUser user) {
                return platform.token(user);
            }

            @Override
            public String freshAdminToken() {
                return platform.gateway().passwordToken(DemoUser.ADMIN.subject(), platform.adminPassword())
                        .accessToken();
            }

            @Override
            public Optional<String> kafkaBootstrapServers() {
                return Optional.of(platform.kafkaBootstrapServers());
            }
        };
    }

    /** A platform started by {@code deploy/local/run --data <data>}: signs the demo accounts in itself. */
    static PlatformAccess running(Path data) {
        Map<String, String> env = new HashMap<>();
        try {
            for (String line : Files.readAllLines(data.resolve("tokens.env"))) {
                if (line.startsWith("export ")) {
                    String[] kv = line.substring(7).split("=", 2);
                    env.put(kv[0], kv[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("no tokens.env in " + data + ": is the platform running there?", e);
        }
        URI gateway = URI.create(env.get("GATEWAY"));
        GatewayClient client = new GatewayClient(gateway);
        Map<DemoUser, GatewayClient.GatewayToken> tokens = new ConcurrentHashMap<>();
        java.util.function.Function<DemoUser, GatewayClient.GatewayToken> signIn = user -> switch (user.kind()) {
            case USER -> client.passwordToken(user.subject(), env.get("DEMO_PASSWORD"));
            case ADMIN -> client.passwordToken(user.subject(), env.get("ADMIN_PASSWORD"));
            case CLIENT -> client.clientToken(env.get("PARTNER_CLIENT_ID"), env.get("PARTNER_CLIENT_SECRET"));
        };
        return new PlatformAccess() {
            @Override
            public URI gatewayUrl() {
                return gateway;
            }

            @Override
            public String token(DemoUser user) {
                return tokens.compute(user, (u, t) -> t != null
                        && t.expiresAt().isAfter(Instant.now().plusSeconds(60)) ? t : signIn.apply(u)).accessToken();
            }

            @Override
            public String freshAdminToken() {
                return signIn.apply(DemoUser.ADMIN).accessToken();
            }

            @Override
            public Optional<String> kafkaBootstrapServers() {
                return Optional.ofNullable(System.getProperty("fuzz.kafka")).filter(k -> !k.isBlank());
            }
        };
    }
}

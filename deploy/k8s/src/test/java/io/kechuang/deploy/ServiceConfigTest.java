package io.kechuang.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The cross-check of environment variables itself: it must accept what services read and reject the rest. */
class ServiceConfigTest {

    @Test
    void readsConfigMappingsWithNestedGroupsNamesAndMaps() {
        String source = """
                @ConfigMapping(prefix = "kechuang.example")
                public interface ExampleConfig {
                    /** A map of routes. */
                    Map<String, URI> routes();
                    @WithDefault("2s")
                    Duration connectTimeout();
                    Keys keys();
                    @WithName("rate-limit")
                    RateLimit limits();
                    default String computed() { return "x"; }
                    interface Keys {
                        Optional<Path> signingKey();
                        @WithDefault("${KECHUANG_DATA_DIR:data}/keys")
                        Path directory();
                    }
                    interface RateLimit {
                        int requests();
                    }
                }
                """;
        assertEquals(Set.of("kechuang.example.routes.*", "kechuang.example.connect-timeout",
                "kechuang.example.keys.signing-key", "kechuang.example.keys.directory",
                "kechuang.example.rate-limit.requests"), ServiceConfig.mappedProperties(source));
    }

    @Test
    void acceptsWhatTheGatewayReadsAndRejectsTypos() {
        ServiceConfig gateway = ServiceConfig.of("gateway");
        for (String ok : new String[] {"KECHUANG_GATEWAY_KEYS_SIGNING_KEY", "KECHUANG_GATEWAY_BOOTSTRAP_ADMIN_PASSWORD",
                "KECHUANG_ACHIEVEMENT_SERVICE_URL", "KECHUANG_DATA_DIR", "QUARKUS_DATASOURCE_JDBC_URL",
                "KECHUANG_GATEWAY_ROUTES_SOMETHING", "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES", "KAFKA_BOOTSTRAP_SERVERS",
                "QUARKUS_HTTP_SSL_CERTIFICATE_FILES", "QUARKUS_MANAGEMENT_PORT"}) {
            assertEquals(Optional.empty(), gateway.unknownVariable(ok), ok);
        }
        for (String typo : new String[] {"KECHUANG_GATEWAY_KEYS_SIGNINGKEY", "KECHUANG_GATEWAY_SIGNING_KEY",
                "QUARKUS_DATASOURCE_JDBC_URI", "KAFKA_BOOTSTRAP_SERVER", "QUARKUS_HTTP_SSL_CERTIFICATE_FILE"}) {
            assertTrue(gateway.unknownVariable(typo).isPresent(), typo + " must be rejected");
        }
    }

    @Test
    void kafkaVariablesMustBeKafkaClientSettings() {
        ServiceConfig achievements = ServiceConfig.of("achievement-service");
        assertEquals(Optional.empty(), achievements.unknownVariable("KAFKA_SASL_JAAS_CONFIG"));
        assertEquals(Optional.empty(), achievements.unknownVariable("KAFKA_SSL_TRUSTSTORE_LOCATION"));
        assertTrue(achievements.unknownVariable("KAFKA_SASL_MECHANISMS").isPresent());
        assertEquals(Optional.empty(), achievements.unknownVariable("KECHUANG_KAFKA_REPLICATION_FACTOR"));
        assertEquals(Set.of("achievements.v1", "achievement-access.v1", "achievement-service.dlq"), achievements.producedTopics(),
                "the production value, not the %test one");
    }
}

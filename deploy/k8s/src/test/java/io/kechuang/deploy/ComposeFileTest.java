package io.kechuang.deploy;

import static io.kechuang.deploy.DeployFiles.list;
import static io.kechuang.deploy.DeployFiles.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml, read as YAML: every service built from its Dockerfile.jvm, configured only with variables it
 * reads, health-checked, and started after what it needs is healthy. No Docker engine is needed (nor used).
 */
class ComposeFileTest {

    private static final JsonNode COMPOSE = DeployFiles.document(DeployFiles.COMPOSE);
    private static final JsonNode SERVICES = COMPOSE.get("services");

    @Test
    void runsPostgresKafkaAndEveryService() {
        Set<String> expected = new HashSet<>(ServiceConfig.SERVICES);
        expected.add("postgres");
        expected.add("kafka");
        Set<String> actual = new HashSet<>();
        SERVICES.fieldNames().forEachRemaining(actual::add);
        assertEquals(expected, actual);
        assertTrue(text(SERVICES.get("kafka"), "image").orElseThrow().startsWith("apache/kafka:4.1.1"));
        assertTrue(text(SERVICES.get("postgres"), "image").orElseThrow().matches("postgres:1[78].*"));
    }

    @Test
    void postgresCommitsDurably() {
        List<String> command = list(SERVICES.get("postgres").get("command")).stream().map(JsonNode::asText).toList();
        for (String setting : List.of("fsync=on", "synchronous_commit=on", "full_page_writes=on")) {
            int at = command.indexOf(setting);
            assertTrue(at > 0 && "-c".equals(command.get(at - 1)), setting + " in " + command);
        }
        assertTrue(command.stream().noneMatch(c -> c.endsWith("=off")), command.toString());
    }

    @Test
    void kafkaIsOneKraftNodeAdvertisingTheAddressTheServicesUse() {
        Map<String, String> env = environment(SERVICES.get("kafka"));
        assertEquals("broker,controller", env.get("KAFKA_PROCESS_ROLES"));
        assertEquals("PLAINTEXT://kafka:9092", env.get("KAFKA_ADVERTISED_LISTENERS"));
        assertEquals("false", env.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE"), "topics come from the services only");
        for (String service : ServiceConfig.SERVICES) {
            if (ServiceConfig.of(service).usesKafka()) {
                assertEquals("kafka:9092", environment(SERVICES.get(service)).get("KAFKA_BOOTSTRAP_SERVERS"), service);
            }
        }
    }

    @Test
    void everyServiceIsBuiltFromItsQuarkusJvmDockerfile() {
        for (String service : ServiceConfig.SERVICES) {
            JsonNode build = SERVICES.get(service).get("build");
            assertNotNull(build, service + " has no build section");
            Path context = DeployFiles.ROOT.resolve(text(build, "context").orElseThrow()).normalize();
            assertEquals(DeployFiles.ROOT.resolve("services").resolve(service), context, service);
            assertEquals("src/main/docker/Dockerfile.jvm", text(build, "dockerfile").orElseThrow(), service);
            Path dockerfile = context.resolve("src/main/docker/Dockerfile.jvm");
            assertTrue(Files.isRegularFile(dockerfile), dockerfile + " is missing");

            String content = DeployFiles.read(dockerfile);
            assertTrue(content.contains("FROM registry.access.redhat.com/ubi9/openjdk-21-runtime:"), service);
            for (String layer : List.of("lib/ /deployments/lib/", "*.jar /deployments/", "app/ /deployments/app/",
                    "quarkus/ /deployments/quarkus/")) {
                assertTrue(content.contains("COPY --chown=185 target/quarkus-app/" + layer), service + ": " + layer);
            }
            assertTrue(content.contains("ENV JAVA_APP_JAR=\"/deployments/quarkus-run.jar\""), service);
            assertTrue(content.contains("\nUSER 185\n"), service + " must run as user 185");
            assertTrue(content.contains("\nEXPOSE " + ServiceConfig.of(service).httpPort() + "\n"), service);
            assertTrue(text(SERVICES.get(service), "image").orElseThrow().startsWith("kechuang/" + service + ":"));
        }
        assertTrue(DeployFiles.read(DeployFiles.ROOT.resolve("services/matching-service/src/main/docker/Dockerfile.jvm"))
                .contains("--add-modules jdk.incubator.vector"), "Lucene's vector module, as deploy/local starts it");
    }

    @Test
    void everyContainerHasAHealthCheck() {
        assertTrue(healthTest("postgres").contains("pg_isready"));
        assertTrue(healthTest("kafka").contains("kafka-broker-api-versions.sh"));
        for (String service : ServiceConfig.SERVICES) {
            String test = healthTest(service);
            assertTrue(test.startsWith("CMD curl -fsS"), service + ": " + test);
            assertTrue(test.endsWith("http://localhost:" + ServiceConfig.of(service).managementPort()
                    + "/q/health/ready"), service + " must check its own readiness, on its management port: " + test);
        }
    }

    @Test
    void servicesStartOnceWhatTheyNeedIsHealthy() {
        SERVICES.fields().forEachRemaining(e -> {
            JsonNode dependsOn = e.getValue().get("depends_on");
            if (dependsOn != null) {
                assertTrue(dependsOn.isObject(), e.getKey() + ": depends_on must name conditions");
                dependsOn.fields().forEachRemaining(d -> {
                    assertTrue(SERVICES.has(d.getKey()), e.getKey() + " depends on unknown " + d.getKey());
                    assertEquals("service_healthy", text(d.getValue(), "condition").orElse(null),
                            e.getKey() + " -> " + d.getKey());
                });
            }
        });
        for (String service : ServiceConfig.SERVICES) {
            JsonNode dependsOn = SERVICES.get(service).get("depends_on");
            assertNotNull(dependsOn, service);
            assertTrue(dependsOn.has("postgres"), service + " needs its database");
            assertEquals(ServiceConfig.of(service).usesKafka(), dependsOn.has("kafka"), service + " and kafka");
        }
    }

    @Test
    void everyVariableIsOneTheServiceReads() {
        List<String> unknown = new ArrayList<>();
        for (String service : ServiceConfig.SERVICES) {
            ServiceConfig config = ServiceConfig.of(service);
            environment(SERVICES.get(service)).keySet()
                    .forEach(v -> config.unknownVariable(v).ifPresent(unknown::add));
        }
        assertEquals(List.of(), unknown);
    }

    @Test
    void eachServiceUsesItsOwnDatabaseWhichTheInitScriptCreates() {
        Set<String> created = createdDatabases();
        for (String service : ServiceConfig.SERVICES) {
            ServiceConfig config = ServiceConfig.of(service);
            String url = environment(SERVICES.get(service)).get("QUARKUS_DATASOURCE_JDBC_URL");
            assertNotNull(url, service);
            assertTrue(url.startsWith("jdbc:postgresql://postgres:5432/"), url);
            assertEquals(config.database(), ServiceConfig.jdbcDatabase(url), service);
            assertTrue(created.contains(config.database()), config.database() + " is never created");
        }
        assertEquals(4, created.size(), "one database per service: " + created);
    }

    @Test
    void theGatewayRoutesToEveryServiceAndIsTheOnlyPublishedPort() {
        Map<String, String> env = environment(SERVICES.get("gateway"));
        for (String service : ServiceConfig.SERVICES) {
            if (!service.equals("gateway")) {
                String variable = "KECHUANG_" + service.toUpperCase().replace('-', '_') + "_URL";
                assertEquals("http://" + service + ":" + ServiceConfig.of(service).httpPort(), env.get(variable), variable);
                assertEquals("http://gateway:8080", environment(SERVICES.get(service)).get("KECHUANG_GATEWAY_URL"),
                        service + " verifies tokens against the gateway's JWK set");
            }
        }
        SERVICES.fields().forEachRemaining(e -> assertEquals(e.getKey().equals("gateway"), e.getValue().has("ports"),
                e.getKey() + ": only the gateway publishes a port"));
        assertEquals(List.of("8080:8080"), list(SERVICES.get("gateway").get("ports")).stream().map(JsonNode::asText).toList());
    }

    @Test
    void statefulServicesKeepTheirDataOnAVolume() {
        for (String service : List.of("gateway", "matching-service")) {
            String dataDir = environment(SERVICES.get(service)).get("KECHUANG_DATA_DIR");
            assertNotNull(dataDir, service);
            assertTrue(list(SERVICES.get(service).get("volumes")).stream().map(JsonNode::asText)
                    .anyMatch(v -> v.endsWith(":" + dataDir)), service + " must mount a volume on " + dataDir);
        }
        assertTrue(list(SERVICES.get("postgres").get("volumes")).stream().map(JsonNode::asText)
                .anyMatch(v -> v.endsWith(":/var/lib/postgresql")), "PostgreSQL 18 images keep data below /var/lib/postgresql");
    }

    private static String healthTest(String service) {
        JsonNode test = SERVICES.get(service).path("healthcheck").path("test");
        assertTrue(test.isArray(), service + " has no health check");
        return String.join(" ", list(test).stream().map(JsonNode::asText).toList());
    }

    static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode node = service.get("environment");
        if (node != null) {
            assertTrue(node.isObject(), "environment as a map");
            node.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        }
        return env;
    }

    /** The databases the PostgreSQL container's init scripts create. */
    private static Set<String> createdDatabases() {
        Set<String> databases = new HashSet<>();
        for (JsonNode volume : list(SERVICES.get("postgres").get("volumes"))) {
            String[] parts = volume.asText().split(":");
            if (parts.length >= 2 && parts[1].startsWith("/docker-entrypoint-initdb.d/")) {
                Path script = DeployFiles.ROOT.resolve(parts[0]).normalize();
                assertTrue(Files.isRegularFile(script), script + " is mounted but missing");
                Matcher m = Pattern.compile("(?i)CREATE DATABASE\\s+(\\w+)").matcher(DeployFiles.read(script));
                while (m.find()) {
                    databases.add(m.group(1));
                }
            }
        }
        assertFalse(databases.isEmpty(), "no init script creates a database");
        return databases;
    }
}

package io.kechuang.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.kechuang.infra.KafkaKraftBroker;
import io.kechuang.infra.PostgresServer;
import io.kechuang.testing.TopicProbe;

/**
 * Drives the launcher the way the end-to-end test will: through {@link LocalPlatform#start(Options)}, on free
 * ports, with the real gateway and achievement service jars (built before this module by the reactor), a real Kafka
 * broker and a real PostgreSQL. Every call goes through the gateway with a token from its {@code /auth/token}.
 *
 * <p>Tests 2 to 4 share one platform, as a start costs half a minute on two cores: PostgreSQL and Kafka are crashed
 * and come back under the same running services, then a killed service stops it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalPlatformTest {

    private static final String SERVICE = "achievement-service";
    private static final String GATEWAY = "gateway";
    /** The tests share the folder: later starts reuse the unpacked PostgreSQL binaries and the migrated schemas. */
    private static final Path ROOT = Path.of("target", "local-platform-test").toAbsolutePath();
    /** The README's walk-through creates the same listing. */
    private static final Path LISTING = Path.of("examples", "achievement.json");
    /** How long the services may take to find Kafka or PostgreSQL again after a restart. */
    private static final Duration RECOVERY = Duration.ofSeconds(90);
    /** Everything the launchers of this class said, in order. */
    private static final RecordingProgress PROGRESS = new RecordingProgress();

    private static RunningPlatform shared;

    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void freshFolder() throws IOException {
        if (Files.exists(ROOT)) {
            try (Stream<Path> tree = Files.walk(ROOT)) {
                for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @AfterAll
    static void stopTheSharedPlatform() {
        if (shared != null) {
            shared.close();
        }
    }

    /** Only the achievement service was asked for: the gateway comes too. */
    private static Options options() {
        return Options.builder().root(ROOT).randomPorts().services(SERVICE).readyTimeout(Duration.ofSeconds(90))
                .progress(PROGRESS).build();
    }

    /**
     * The platform tests 2 to 4 share, started by the first of them to run (again if an earlier one brought it
     * down). It starts without its admin-password file: the launcher makes a new password, and the gateway's
     * identities start afresh.
     */
    private static RunningPlatform sharedPlatform() throws Exception {
        if (shared == null || shared.awaitStopped(Duration.ZERO).isPresent()) {
            Files.deleteIfExists(options().layout().adminPassword());
            shared = LocalPlatform.start(options());
        }
        return shared;
    }

    @Test
    @Order(1)
    void startsServesThroughTheGatewayStopsCleanlyAndKeepsItsDataAcrossRestarts() throws Exception {
        String id;
        String adminPassword;
        List<ProcessHandle> children;
        List<Integer> ports;
        int said = PROGRESS.size();
        RunningPlatform first = LocalPlatform.start(options());
        try (RunningPlatform platform = first) {
            assertEquals(Set.of(SERVICE, GATEWAY), platform.serviceUrls().keySet());
            URI gateway = platform.gatewayUrl();
            assertEquals(platform.serviceUrl(GATEWAY), gateway);
            // Health and metrics: on each service's own management port, never on the public one.
            Map<String, URI> management = platform.managementUrls();
            assertEquals(platform.serviceUrls().keySet(), management.keySet());
            assertEquals(2 * management.size(), new HashSet<>(platform.ports()).size() - 3,
                    "every HTTP and management port differs (besides Kafka, its controller and PostgreSQL)");
            for (URI m : management.values()) {
                assertEquals(200, send(HttpRequest.newBuilder(m.resolve("/q/health/ready")).GET()).statusCode());
                assertEquals(200, send(HttpRequest.newBuilder(m.resolve("/q/metrics")).GET()).statusCode());
            }
            assertEquals(404, send(HttpRequest.newBuilder(gateway.resolve("/q/metrics")).GET()).statusCode());
            assertEquals(404, send(HttpRequest.newBuilder(gateway.resolve("/q/health/ready")).GET()).statusCode());

            // A real sign-in, the way a person does it: the password grant at the gateway's /auth/token.
            String university = signIn(gateway, DemoUser.UNIVERSITY.subject(), DemoUser.DEMO_PASSWORD);
            assertEquals(401, send(HttpRequest.newBuilder(gateway.resolve("/api/achievements")).GET()).statusCode(),
                    "no token, no entry");

            try (TopicProbe probe = TopicProbe.open(platform.kafkaBootstrapServers(), "achievements.v1")) {
                HttpResponse<String> created = send(authorized(gateway.resolve("/api/achievements"), university)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Files.readString(LISTING, StandardCharsets.UTF_8))));
                assertEquals(201, created.statusCode(), created::body);
                id = body(created).get("id").asText();
                assertEquals(DemoUser.UNIVERSITY.orgId(), body(created).get("ownerOrgId").asText());
                URI location = URI.create(created.headers().firstValue("Location").orElseThrow());
                assertEquals(gateway.getPort(), location.getPort(), "the link leads back through the gateway");

                HttpResponse<String> published = send(authorized(URI.create(location + "/publish"), university)
                        .POST(HttpRequest.BodyPublishers.noBody()));
                assertEquals(200, published.statusCode(), published::body);

                ConsumerRecord<String, String> event = probe.awaitKey(id, Duration.ofSeconds(20));
                assertEquals("kechuang.achievement.published", json.readTree(event.value()).get("type").asText());
            }

            // The launcher's own tokens are gateway tokens too, one per demo account, and tokens.env has them.
            for (DemoUser user : DemoUser.values()) {
                HttpResponse<String> me = send(authorized(gateway.resolve("/auth/me"), platform.token(user)).GET());
                assertEquals(200, me.statusCode(), me::body);
                assertEquals(user.subject(), body(me).get("subject").asText());
                assertEquals(user.orgId(), body(me).get("organisationId").asText());
                assertEquals(user.orgType(), body(me).get("orgType").asText());
            }
            // The gateway reaches Kafka: the demo brokerage's lead is on identity.v1 with the lead flag.
            try (TopicProbe identity = TopicProbe.open(platform.kafkaBootstrapServers(), "identity.v1", true)) {
                ConsumerRecord<String, String> lead = identity.awaitRecord(r -> r.value()
                        .contains("\"subject\":\"" + DemoUser.BROKER_LEAD.subject() + "\""), Duration.ofSeconds(30));
                assertTrue(json.readTree(lead.value()).path("data").path("lead").asBoolean(), lead.value());
            }
            String env = Files.readString(platform.layout().tokens());
            assertTrue(env.contains("export UNIVERSITY_TOKEN=" + platform.token(DemoUser.UNIVERSITY)), env);
            assertTrue(env.contains("export BROKER_LEAD_TOKEN=" + platform.token(DemoUser.BROKER_LEAD)), env);
            assertTrue(env.contains("export GATEWAY=http://localhost:" + gateway.getPort()), env);
            adminPassword = platform.adminPassword();
            assertTrue(env.contains("export ADMIN_PASSWORD=" + adminPassword));
            for (Path secret : List.of(platform.layout().tokens(), platform.layout().adminPassword(),
                    platform.layout().partnerClientSecret())) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)), secret::toString);
            }

            // A service verifies tokens itself, against the gateway's JWK set: a real one passes, a forged one not.
            String[] parts = university.split("\\.");
            String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
            assertNotEquals(university, forged);
            URI direct = platform.serviceUrl(SERVICE).resolve("/api/achievements/" + id);
            assertEquals(200, send(authorized(direct, university).GET()).statusCode());
            assertEquals(401, send(authorized(direct, forged).GET()).statusCode());

            children = platform.childProcesses();
            ports = platform.ports();
            assertEquals(2, children.size());
        }
        assertNothingLeft(children, ports);
        // Kafka and PostgreSQL stopped because they were asked to: nothing died, nothing came back.
        assertEquals(List.of(), first.infrastructureRestarts());
        assertEquals(List.of(), PROGRESS.since(said).stream().filter(line -> line.contains("died")).toList());

        // Again: the demo accounts exist already (the gateway answers 409, which is fine), the data stayed.
        try (RunningPlatform platform = LocalPlatform.start(options())) {
            assertEquals(adminPassword, platform.adminPassword(), "the administrator's password is made once");
            URI gateway = platform.gatewayUrl();
            HttpResponse<String> kept = send(authorized(gateway.resolve("/api/achievements/" + id),
                    signIn(gateway, DemoUser.ENTERPRISE.subject(), DemoUser.DEMO_PASSWORD)).GET());
            assertEquals(200, kept.statusCode(), kept::body);
            assertEquals("PUBLISHED", body(kept).get("status").asText());
            HttpResponse<String> asPartner = send(authorized(gateway.resolve("/api/achievements/" + id),
                    platform.token(DemoUser.PARTNER)).GET());
            assertEquals(200, asPartner.statusCode(), asPartner::body);
            try (TopicProbe probe = TopicProbe.open(platform.kafkaBootstrapServers(), "achievements.v1", true)) {
                probe.awaitKey(id, Duration.ofSeconds(20)); // the broker kept its records too
            }
            children = platform.childProcesses();
            ports = platform.ports();
        }
        assertNothingLeft(children, ports);
    }

    @Test
    @Order(2)
    void postgresThatDiesIsRestartedOnItsDataAndPortAndTheServicesWriteAgain() throws Exception {
        RunningPlatform platform = sharedPlatform();
        URI gateway = platform.gatewayUrl();
        String university = platform.token(DemoUser.UNIVERSITY);
        String before = createAchievement(gateway, university, "before-postgres-crash-" + UUID.randomUUID());
        List<ProcessHandle> services = platform.childProcesses();
        PostgresServer crashed = platform.postgresServer();
        int port = crashed.port();
        long postmaster = crashed.postmaster().orElseThrow().pid();
        int said = PROGRESS.size();

        crashed.crash(); // kill -9 of the postmaster and all its processes

        InfrastructureRestart restart = awaitRestart(platform, "PostgreSQL");
        PostgresServer restarted = platform.postgresServer();
        assertNotSame(crashed, restarted);
        assertTrue(restarted.isRunning());
        assertEquals(port, restarted.port(), "the services' JDBC URLs stay right");
        assertNotEquals(postmaster, restarted.postmaster().orElseThrow().pid());
        assertEquals("127.0.0.1:" + port, restart.address());
        assertEquals("its postmaster, pid " + postmaster + ", exited", restart.cause());
        String report = String.join("\n", PROGRESS.since(said));
        assertTrue(report.contains("!!! PostgreSQL on 127.0.0.1:" + port + " died: its postmaster, pid " + postmaster
                + ", exited.\n!!! Restarting it on the same data, at the same address"), report);
        assertTrue(report.contains("PostgreSQL is back on 127.0.0.1:" + port + ", "), report);

        // No service was restarted; their connection pools find the server again, and nothing acknowledged was lost.
        String idempotencyKey = "after-postgres-crash-" + UUID.randomUUID();
        HttpResponse<String> created = until(r -> r.statusCode() == 201, () -> send(createRequest(gateway, university)
                .header("Idempotency-Key", idempotencyKey)));
        HttpResponse<String> kept = until(r -> r.statusCode() == 200,
                () -> send(authorized(gateway.resolve("/api/achievements/" + before), university).GET()));
        assertEquals(before, body(kept).get("id").asText(), "the listing created before the crash is still there");
        String after = body(created).get("id").asText();
        HttpResponse<String> readBack = send(authorized(gateway.resolve("/api/achievements/" + after), university)
                .GET());
        assertEquals(200, readBack.statusCode(), readBack::body);
        assertEquals(services, platform.childProcesses());
        services.forEach(s -> assertTrue(s.isAlive(), "service process " + s.pid() + " still runs"));
        assertEquals(List.of(restart), platform.infrastructureRestarts());
    }

    @Test
    @Order(3)
    void kafkaThatDiesIsRestartedOnItsDataAndPortsAndEventsFlowAgain() throws Exception {
        RunningPlatform platform = sharedPlatform();
        URI gateway = platform.gatewayUrl();
        String university = platform.token(DemoUser.UNIVERSITY);
        String before = createAchievement(gateway, university, "before-kafka-crash-" + UUID.randomUUID());
        publish(gateway, university, before);
        try (TopicProbe probe = TopicProbe.open(platform.kafkaBootstrapServers(), "achievements.v1", true)) {
            probe.awaitKey(before, Duration.ofSeconds(30));
        }
        List<ProcessHandle> services = platform.childProcesses();
        KafkaKraftBroker crashed = platform.kafkaBroker();
        String bootstrap = crashed.bootstrapServers();
        int controllerPort = crashed.controllerPort();
        int restartsBefore = platform.infrastructureRestarts().size();
        int said = PROGRESS.size();

        crashed.crash(); // the broker stops unasked, and restarts without its clean-shutdown marker

        InfrastructureRestart restart = awaitRestart(platform, "Kafka");
        KafkaKraftBroker restarted = platform.kafkaBroker();
        assertNotSame(crashed, restarted);
        assertTrue(restarted.isRunning());
        assertEquals(bootstrap, restarted.bootstrapServers(), "the services' bootstrap servers stay right");
        assertEquals(controllerPort, restarted.controllerPort());
        assertEquals("crash() on purpose", restart.cause());
        String report = String.join("\n", PROGRESS.since(said));
        assertTrue(report.contains("!!! Kafka on " + bootstrap + " (controller port " + controllerPort
                + ") died: crash() on purpose.\n!!! Restarting it"), report);
        assertTrue(report.contains("Kafka is back on " + bootstrap), report);

        // An accepted write after the restart reaches the topic: the service's outbox relay found the broker again.
        String after = body(until(r -> r.statusCode() == 201, () -> send(createRequest(gateway, university)
                .header("Idempotency-Key", "after-kafka-crash-" + UUID.randomUUID())))).get("id").asText();
        publish(gateway, university, after);
        try (TopicProbe probe = TopicProbe.open(platform.kafkaBootstrapServers(), "achievements.v1", true)) {
            ConsumerRecord<String, String> event = probe.awaitKey(after, RECOVERY);
            assertEquals("kechuang.achievement.published", json.readTree(event.value()).get("type").asText());
            probe.awaitKey(before, Duration.ofSeconds(10)); // the broker came back with its records
        }
        HttpResponse<String> readBack = send(authorized(gateway.resolve("/api/achievements/" + after), university)
                .GET());
        assertEquals(200, readBack.statusCode(), readBack::body);
        assertEquals("PUBLISHED", body(readBack).get("status").asText());
        assertEquals(services, platform.childProcesses());
        services.forEach(s -> assertTrue(s.isAlive(), "service process " + s.pid() + " still runs"));
        assertEquals(restartsBefore + 1, platform.infrastructureRestarts().size());
    }

    /**
     * A rolling restart: SIGTERM reaches a replica while it is handling a request (an update held up by a row lock,
     * as a slow query would). The replica waits for it (quarkus.shutdown.timeout), answers it, and exits by itself;
     * the write is durable and its event reaches Kafka. The replica is a second achievement service on the same
     * database, started here, so the shared platform keeps running. It runs as in production: its log is JSON, and a
     * request's lines carry its X-Request-Id.
     */
    @Test
    @Order(4)
    void aReplicaStoppedWithSigtermFinishesTheRequestInFlight() throws Exception {
        RunningPlatform platform = sharedPlatform();
        URI gateway = platform.gatewayUrl();
        String university = platform.token(DemoUser.UNIVERSITY);
        String id = createAchievement(gateway, university, "before-sigterm-" + UUID.randomUUID());
        publish(gateway, university, id);
        HttpResponse<String> current = send(authorized(gateway.resolve("/api/achievements/" + id), university).GET());
        String etag = current.headers().firstValue("ETag").orElseThrow();
        com.fasterxml.jackson.databind.node.ObjectNode update = (com.fasterxml.jackson.databind.node.ObjectNode) json
                .readTree(Files.readString(LISTING, StandardCharsets.UTF_8));
        update.put("title", "SIGTERM 时仍在处理的更新 " + id);
        String second = createAchievement(gateway, university, "json-log-" + UUID.randomUUID());
        String requestId = "sigterm-test-" + UUID.randomUUID();

        ServiceProcess replica = startReplica(platform, SERVICE);
        HttpClient client = HttpClient.newHttpClient();
        try (TopicProbe topic = TopicProbe.open(platform.kafkaBootstrapServers(), "achievements.v1");
                java.sql.Connection db = java.sql.DriverManager.getConnection(platform.jdbcUrl("achievements"),
                        platform.databaseUsername(), platform.databasePassword())) {
            until(r -> r.statusCode() == 200, () -> send(HttpRequest.newBuilder(
                    replica.managementUri().resolve("/q/health/ready")).GET()));
            HttpResponse<String> published = send(authorized(replica.baseUri().resolve("/api/achievements/" + second
                    + "/publish"), university).header("X-Request-Id", requestId)
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertEquals(200, published.statusCode(), published::body);
            assertEquals(Optional.of(requestId), published.headers().firstValue("X-Request-Id"));

            db.setAutoCommit(false);
            try (java.sql.PreparedStatement lock = db.prepareStatement(
                    "select id from achievement where id = ? for update")) {
                lock.setObject(1, UUID.fromString(id));
                lock.executeQuery().close();
            }
            java.util.concurrent.CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                    authorized(replica.baseUri().resolve("/api/achievements/" + id), university)
                            .header("Content-Type", "application/json").header("If-Match", etag)
                            .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(update))).build(),
                    HttpResponse.BodyHandlers.ofString());
            awaitLockWaiter(platform, id);

            replica.handle().destroy(); // SIGTERM
            awaitLogLine(replica, "Waiting for HTTP requests to complete");
            assertTrue(replica.isAlive(), "it waits for the request in flight");
            assertFalse(inFlight.isDone());
            db.rollback(); // the slow part ends

            HttpResponse<String> answer = inFlight.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(200, answer.statusCode(), answer::body);
            assertEquals(update.get("title").asText(), json.readTree(answer.body()).get("title").asText());
            replica.onExit().get(40, java.util.concurrent.TimeUnit.SECONDS); // by itself: nobody sends SIGKILL
            ConsumerRecord<String, String> updated = topic.awaitRecord(r -> id.equals(r.key())
                    && r.value().contains("kechuang.achievement.updated"), Duration.ofSeconds(30));
            assertTrue(updated.value().contains(update.get("title").asText()), updated::value);
        } finally {
            replica.stop(Duration.ofSeconds(10));
        }
        HttpResponse<String> stored = send(authorized(gateway.resolve("/api/achievements/" + id), university).GET());
        assertEquals(update.get("title").asText(), body(stored).get("title").asText(), "the write is durable");

        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(replica.log(), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                lines.add(json.readTree(line)); // every line is one JSON object
            }
        }
        lines.forEach(line -> assertEquals(SERVICE, line.path("service").asText(), line::toString));
        assertTrue(lines.stream().anyMatch(line -> line.path("message").asText().contains("started in")));
        assertTrue(lines.stream().anyMatch(line -> requestId.equals(line.path("mdc").path("requestId").asText())
                && line.path("message").asText().contains(second)), "the publish was logged with its request id");
        assertTrue(lines.stream().noneMatch(line -> "ERROR".equals(line.path("level").asText())), "no error");
        assertTrue(platform.childProcesses().stream().allMatch(ProcessHandle::isAlive), "the platform runs on");
    }

    /** Waits until a session of the achievements database waits for a lock: the update of the locked row. */
    private static void awaitLockWaiter(RunningPlatform platform, String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (java.sql.Connection watcher = java.sql.DriverManager.getConnection(platform.jdbcUrl("achievements"),
                platform.databaseUsername(), platform.databasePassword())) {
            while (System.nanoTime() < deadline) {
                try (java.sql.ResultSet rs = watcher.createStatement().executeQuery(
                        "select count(*) from pg_stat_activity where wait_event_type = 'Lock'")) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("the update of " + id + " never waited for the row lock");
    }

    private static void awaitLogLine(ServiceProcess service, String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(service.log(), StandardCharsets.UTF_8).contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("never logged: " + text);
    }

    /** One more replica of {@code service}, on ports of its own, configured as the launcher configures the first. */
    private static ServiceProcess startReplica(RunningPlatform platform, String service) throws IOException {
        KnownServices.ServiceSpec spec = KnownServices.byName(service).orElseThrow();
        Map<String, String> env = new java.util.LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", platform.kafkaBootstrapServers());
        env.put("QUARKUS_DATASOURCE_USERNAME", platform.databaseUsername());
        env.put("QUARKUS_DATASOURCE_PASSWORD", platform.databasePassword());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", platform.jdbcUrl(spec.database()));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        env.put("QUARKUS_LOG_CATEGORY__IO_KECHUANG__LEVEL", "DEBUG"); // a transition is logged at DEBUG
        platform.serviceUrls().forEach((name, url) -> env.put(
                KnownServices.byName(name).orElseThrow().urlVariable(), url.toString()));
        int port;
        int managementPort;
        try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ServerSocket b = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = a.getLocalPort();
            managementPort = b.getLocalPort();
        }
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        Layout layout = new Layout(ROOT.resolve("replica"));
        env.put("KECHUANG_DATA_DIR", layout.serviceData(service).toString());
        return ServiceProcess.start(spec, port, managementPort, platform.options().repoRoot(), layout, env);
    }

    @Test
    @Order(5)
    void aServiceThatDiesIsReportedAndStopsThePlatform() throws Exception {
        RunningPlatform platform = sharedPlatform();
        // Started without the admin-password file: the new password works for the gateway's new administrator.
        assertEquals(200, send(authorized(platform.gatewayUrl().resolve("/api/admin/organisations"),
                platform.token(DemoUser.ADMIN)).GET()).statusCode());
        List<ProcessHandle> children = platform.childProcesses();
        List<Integer> ports = platform.ports();
        platform.process(SERVICE).destroyForcibly();

        OptionalInt exitCode = platform.awaitStopped(Duration.ofSeconds(60));
        assertEquals(OptionalInt.of(1), exitCode, "the platform stops itself, with a failure code");
        ChildFailure failure = platform.failure().orElseThrow();
        assertEquals(SERVICE, failure.service());
        assertEquals(137, failure.exitCode()); // SIGKILL
        assertEquals(platform.layout().log(SERVICE), failure.log());
        assertFalse(failure.lastLines().isEmpty(), "the end of its log is shown");
        assertNothingLeft(children, ports);
    }

    /** Only Kafka and PostgreSQL (a checkout without built services): the restart limit, without a slow start. */
    @Test
    @Order(6)
    void postgresThatKeepsDyingStopsThePlatform(@TempDir Path checkoutWithoutServices) throws Exception {
        Options options = Options.builder().repoRoot(checkoutWithoutServices).root(ROOT).randomPorts()
                .progress(PROGRESS).restartLimit(1, Duration.ofMinutes(10)).build();
        List<Integer> ports;
        ProcessHandle lastPostmaster;
        try (RunningPlatform platform = LocalPlatform.start(options)) {
            assertEquals(Map.of(), platform.serviceUrls());
            ports = platform.ports();
            platform.postgresServer().crash();
            awaitRestart(platform, "PostgreSQL");
            int said = PROGRESS.size();
            lastPostmaster = platform.postgresServer().postmaster().orElseThrow();

            platform.postgresServer().crash(); // a second death within the window: one more than the limit allows

            assertEquals(OptionalInt.of(1), platform.awaitStopped(Duration.ofSeconds(60)),
                    "the platform stops itself, with a failure code");
            ChildFailure failure = platform.failure().orElseThrow();
            assertEquals("PostgreSQL", failure.service());
            assertNull(failure.exitCode());
            assertTrue(failure.reason().startsWith("kept dying: it died 2 times within 10 min"), failure.reason());
            assertEquals(ROOT.resolve("postgres/postgres.log"), failure.log());
            assertEquals(1, platform.infrastructureRestarts().size(), "no second restart");
            String report = String.join("\n", PROGRESS.since(said));
            assertTrue(report.contains("!!! PostgreSQL kept dying"), report);
            assertTrue(report.contains("Stopping the platform, as PostgreSQL is down."), report);
            assertFalse(report.contains("Restarting it"), report);
        }
        assertFalse(lastPostmaster.isAlive());
        assertPortsFree(ports);
    }

    /** Polls the platform's restarts until {@code server} has come back once more than it had. */
    private static InfrastructureRestart awaitRestart(RunningPlatform platform, String server)
            throws InterruptedException {
        long before = platform.infrastructureRestarts().stream().filter(r -> r.server().equals(server)).count();
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (System.nanoTime() < deadline) {
            List<InfrastructureRestart> restarts = platform.infrastructureRestarts().stream()
                    .filter(r -> r.server().equals(server)).toList();
            if (restarts.size() > before) {
                return restarts.getLast();
            }
            assertEquals(OptionalInt.empty(), platform.awaitStopped(Duration.ofMillis(200)),
                    () -> "the platform stopped instead: " + platform.failure());
        }
        throw new AssertionError(server + " did not come back within " + RECOVERY + "; the launcher said last:\n"
                + String.join("\n", PROGRESS.since(Math.max(0, PROGRESS.size() - 20))));
    }

    /**
     * Sends until the answer matches, for at most {@link #RECOVERY}: the first requests after a restart may still
     * meet connections the crash broke.
     */
    private static HttpResponse<String> until(Predicate<HttpResponse<String>> wanted, Call call) throws Exception {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        Optional<HttpResponse<String>> last = Optional.empty();
        IOException lastError = null;
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = call.send();
                if (wanted.test(response)) {
                    return response;
                }
                last = Optional.of(response);
            } catch (IOException e) {
                lastError = e;
            }
            Thread.sleep(250); // the pace of the polling, not a wait for something to happen
        }
        throw new AssertionError("no wanted answer within " + RECOVERY + "; last: " + last.map(r -> r.statusCode()
                + " " + r.body()).orElse(String.valueOf(lastError)));
    }

    @FunctionalInterface
    private interface Call {
        HttpResponse<String> send() throws IOException, InterruptedException;
    }

    private String createAchievement(URI gateway, String token, String idempotencyKey) throws Exception {
        HttpResponse<String> created = send(createRequest(gateway, token).header("Idempotency-Key", idempotencyKey));
        assertEquals(201, created.statusCode(), created::body);
        return body(created).get("id").asText();
    }

    private static HttpRequest.Builder createRequest(URI gateway, String token) throws IOException {
        return authorized(gateway.resolve("/api/achievements"), token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Files.readString(LISTING, StandardCharsets.UTF_8)));
    }

    private void publish(URI gateway, String token, String id) throws Exception {
        HttpResponse<String> published = send(authorized(gateway.resolve("/api/achievements/" + id + "/publish"), token)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(200, published.statusCode(), published::body);
    }

    private String signIn(URI gateway, String username, String password) throws IOException, InterruptedException {
        String form = Stream.of("grant_type=password", "username=" + enc(username), "password=" + enc(password))
                .collect(Collectors.joining("&"));
        HttpResponse<String> answer = send(HttpRequest.newBuilder(gateway.resolve("/auth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertEquals(200, answer.statusCode(), answer::body);
        assertEquals("Bearer", body(answer).get("token_type").asText());
        return body(answer).get("access_token").asText();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void assertNothingLeft(List<ProcessHandle> children, List<Integer> ports) {
        for (ProcessHandle child : children) {
            assertFalse(child.isAlive(), "service process " + child.pid() + " still alive");
        }
        List<String> alive = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(h -> h.pid() + " " + h.info().commandLine().orElse("?")).toList();
        assertEquals(List.of(), alive, "no process of the platform is left");
        assertPortsFree(ports);
        assertFalse(Files.exists(ROOT.resolve("postgres/pgdata/postmaster.pid")), "PostgreSQL stopped");
    }

    private static void assertPortsFree(List<Integer> ports) {
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertTrue(socket.isBound());
            } catch (IOException e) {
                throw new AssertionError("port " + port + " is still taken", e);
            }
        }
    }

    private static HttpRequest.Builder authorized(URI uri, String token) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token);
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private JsonNode body(HttpResponse<String> response) throws IOException {
        return json.readTree(response.body());
    }

    /** Prints as the console does, and keeps every line for the assertions. */
    private static final class RecordingProgress implements Progress {
        private final Progress console = Progress.console();
        private final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void info(String line) {
            lines.add(line);
            console.info(line);
        }

        @Override
        public void problem(String text) {
            lines.add(text);
            console.problem(text);
        }

        int size() {
            return lines.size();
        }

        List<String> since(int mark) {
            return List.copyOf(lines.subList(mark, lines.size()));
        }
    }
}

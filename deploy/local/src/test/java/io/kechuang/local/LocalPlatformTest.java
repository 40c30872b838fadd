package io.kechuang.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.kechuang.testing.TopicProbe;

/**
 * Drives the launcher the way the end-to-end test will: through {@link LocalPlatform#start(Options)}, on free
 * ports, with the real gateway and achievement service jars (built before this module by the reactor), a real Kafka
 * broker and a real PostgreSQL. Every call goes through the gateway with a token from its {@code /auth/token}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalPlatformTest {

    private static final String SERVICE = "achievement-service";
    private static final String GATEWAY = "gateway";
    /** The tests share the folder: later starts reuse the unpacked PostgreSQL binaries and the migrated schemas. */
    private static final Path ROOT = Path.of("target", "local-platform-test").toAbsolutePath();
    /** The README's walk-through creates the same listing. */
    private static final Path LISTING = Path.of("examples", "achievement.json");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
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

    /** Only the achievement service was asked for: the gateway comes too. */
    private static Options options() {
        return Options.builder().root(ROOT).randomPorts().services(SERVICE).readyTimeout(Duration.ofSeconds(90)).build();
    }

    @Test
    @Order(1)
    void startsServesThroughTheGatewayStopsCleanlyAndKeepsItsDataAcrossRestarts() throws Exception {
        String id;
        String adminPassword;
        List<ProcessHandle> children;
        List<Integer> ports;
        try (RunningPlatform platform = LocalPlatform.start(options())) {
            assertEquals(Set.of(SERVICE, GATEWAY), platform.serviceUrls().keySet());
            URI gateway = platform.gatewayUrl();
            assertEquals(platform.serviceUrl(GATEWAY), gateway);
            assertEquals(200, send(HttpRequest.newBuilder(gateway.resolve("/q/health/ready")).GET()).statusCode());

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
            String env = Files.readString(platform.layout().tokens());
            assertTrue(env.contains("export UNIVERSITY_TOKEN=" + platform.token(DemoUser.UNIVERSITY)), env);
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
    void aServiceThatDiesIsReportedAndStopsThePlatform() throws Exception {
        // A lost admin-password file: the launcher makes a new one and the gateway's identities start afresh.
        Files.deleteIfExists(options().layout().adminPassword());
        List<ProcessHandle> children;
        List<Integer> ports;
        try (RunningPlatform platform = LocalPlatform.start(options())) {
            assertEquals(200, send(authorized(platform.gatewayUrl().resolve("/api/admin/organisations"),
                    platform.token(DemoUser.ADMIN)).GET()).statusCode());
            children = platform.childProcesses();
            ports = platform.ports();
            platform.process(SERVICE).destroyForcibly();

            OptionalInt exitCode = platform.awaitStopped(Duration.ofSeconds(60));
            assertEquals(OptionalInt.of(1), exitCode, "the platform stops itself, with a failure code");
            ChildFailure failure = platform.failure().orElseThrow();
            assertEquals(SERVICE, failure.service());
            assertEquals(137, failure.exitCode()); // SIGKILL
            assertEquals(platform.layout().log(SERVICE), failure.log());
            assertFalse(failure.lastLines().isEmpty(), "the end of its log is shown");
        }
        assertNothingLeft(children, ports);
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

    private void assertNothingLeft(List<ProcessHandle> children, List<Integer> ports) {
        for (ProcessHandle child : children) {
            assertFalse(child.isAlive(), "service process " + child.pid() + " still alive");
        }
        List<String> alive = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(h -> h.pid() + " " + h.info().commandLine().orElse("?")).toList();
        assertEquals(List.of(), alive, "no process of the platform is left");
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertTrue(socket.isBound());
            } catch (IOException e) {
                throw new AssertionError("port " + port + " is still taken", e);
            }
        }
        assertFalse(Files.exists(ROOT.resolve("postgres/pgdata/postmaster.pid")), "PostgreSQL stopped");
    }

    private static HttpRequest.Builder authorized(URI uri, String token) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private JsonNode body(HttpResponse<String> response) throws IOException {
        return json.readTree(response.body());
    }
}

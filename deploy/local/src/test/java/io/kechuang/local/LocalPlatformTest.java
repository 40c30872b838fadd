package io.kechuang.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.kechuang.testing.TopicProbe;

/**
 * Drives the launcher the way the end-to-end test will: through {@link LocalPlatform#start(Options)}, on free
 * ports, with the real achievement service jar (built before this module by the reactor), a real Kafka broker and
 * a real PostgreSQL.
 */
class LocalPlatformTest {

    private static final String SERVICE = "achievement-service";
    /** Both tests share the folder: the second start reuses the unpacked PostgreSQL binaries and the migrated schema. */
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

    private static Options options() {
        return Options.builder().root(ROOT).randomPorts().services(SERVICE).readyTimeout(Duration.ofSeconds(90)).build();
    }

    @Test
    void startsServesStopsCleanlyAndKeepsItsDataAcrossRestarts() throws Exception {
        String id;
        List<ProcessHandle> children;
        List<Integer> ports;
        try (RunningPlatform platform = LocalPlatform.start(options())) {
            URI base = platform.serviceUrl(SERVICE);
            assertEquals(200, send(HttpRequest.newBuilder(base.resolve("/q/health/ready")).GET()).statusCode());
            String university = platform.token(DemoUser.UNIVERSITY);

            try (TopicProbe probe = TopicProbe.open(platform.kafkaBootstrapServers(), "achievements.v1")) {
                HttpResponse<String> created = send(authorized(base.resolve("/api/achievements"), university)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Files.readString(LISTING, StandardCharsets.UTF_8))));
                assertEquals(201, created.statusCode(), created::body);
                id = body(created).get("id").asText();
                assertEquals(DemoUser.UNIVERSITY.orgId(), body(created).get("ownerOrgId").asText());

                HttpResponse<String> published = send(authorized(base.resolve("/api/achievements/" + id + "/publish"),
                        university).POST(HttpRequest.BodyPublishers.noBody()));
                assertEquals(200, published.statusCode(), published::body);

                ConsumerRecord<String, String> event = probe.awaitKey(id, Duration.ofSeconds(20));
                assertEquals("kechuang.achievement.published", json.readTree(event.value()).get("type").asText());
            }
            children = platform.childProcesses();
            ports = platform.ports();
            assertEquals(1, children.size());
            assertTrue(Files.readString(platform.layout().tokens()).contains("export UNIVERSITY_TOKEN=" + university));
        }
        assertNothingLeft(children, ports);

        try (RunningPlatform platform = LocalPlatform.start(options())) {
            HttpResponse<String> kept = send(authorized(platform.serviceUrl(SERVICE).resolve("/api/achievements/" + id),
                    platform.token(DemoUser.ENTERPRISE)).GET());
            assertEquals(200, kept.statusCode(), kept::body);
            assertEquals("PUBLISHED", body(kept).get("status").asText());
            try (TopicProbe probe = TopicProbe.open(platform.kafkaBootstrapServers(), "achievements.v1", true)) {
                probe.awaitKey(id, Duration.ofSeconds(20)); // the broker kept its records too
            }
            children = platform.childProcesses();
            ports = platform.ports();
        }
        assertNothingLeft(children, ports);
    }

    @Test
    void aServiceThatDiesIsReportedAndStopsThePlatform() throws Exception {
        List<ProcessHandle> children;
        List<Integer> ports;
        try (RunningPlatform platform = LocalPlatform.start(options())) {
            children = platform.childProcesses();
            ports = platform.ports();
            children.get(0).destroyForcibly();

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

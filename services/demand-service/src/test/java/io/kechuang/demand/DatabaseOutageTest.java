package io.kechuang.demand;

import static io.kechuang.events.match.MatchStatus.INTRODUCED;
import static io.kechuang.events.match.MatchStatus.SUGGESTED;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.common.consumer.DeadLetterQueue;
import io.kechuang.common.match.MatchEventsConfig;
import io.kechuang.events.Topics;
import io.kechuang.testing.KechuangTestResource;
import io.kechuang.testing.MatchEvents;
import io.kechuang.testing.MatchEvents.Match;
import io.kechuang.testing.PostgresServer;
import io.kechuang.testing.SharedInfrastructure;
import io.kechuang.testing.TopicProbe;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The service's database goes down while a match event waits to be applied: the event is retried until the database
 * is back, never dead-lettered, and then applied; a malformed record behind it still goes to the dead-letter topic.
 * The service runs here on a PostgreSQL server of its own, which the test stops ({@code pg_ctl stop -m fast}: its
 * connections are cut, its port refuses new ones) and starts again on the same data and port.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.OwnDatabase.class)
class DatabaseOutageTest {

    private static final Pattern STILL_DOWN = Pattern.compile("Still unavailable while processing " + Topics.MATCHES);

    @Inject
    MatchEventsConfig consumer;

    @Test
    void aMatchEventWaitsForTheDatabaseAndIsAppliedOnceItIsBack() throws Exception {
        assertTrue(ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class)
                .endsWith(":" + OwnPostgres.port() + "/demands"), "the service runs on the database this test stops");
        DemandApi.Enterprise owner = DemandApi.Enterprise.register();
        String id = DemandApi.opened(owner.user(), DemandApi.openable("电网变压器油色谱在线监测"));
        Match match = Match.between(UUID.fromString(id), owner.org(), UUID.randomUUID(), UUID.randomUUID());
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        String poison = UUID.randomUUID().toString();

        ConfidentialityTest.LogCapture log = ConfidentialityTest.LogCapture.start();
        try (MatchEvents matches = MatchEvents.open(bootstrap, consumer.group());
                TopicProbe deadLetters = TopicProbe.open(bootstrap, Topics.DEMAND_SERVICE_DLQ_SPEC.name())) {
            matches.publish(match.next(SUGGESTED));
            matches.awaitConsumed();

            OwnPostgres.stopServer();
            matches.publish(match.next(INTRODUCED));
            matches.publish(poison, "not an event");
            // Far more failed attempts than the 4 allowed for other errors, and nothing is given up.
            awaitLog(log, "Infrastructure unavailable while processing " + Topics.MATCHES);
            awaitFailures(log, 8);
            deadLetters.assertNoRecord(r -> true, Duration.ofSeconds(1));
            assertThrowsAssertion(() -> matches.awaitConsumed(Duration.ofMillis(500)));

            OwnPostgres.restartServer();
            matches.awaitConsumed(Duration.ofSeconds(60));
            DemandApi.read(owner.user(), id).statusCode(200).body("status", equalTo("IN_NEGOTIATION"))
                    .body("version", equalTo(2));
            ConsumerRecord<String, String> dead = deadLetters.awaitRecord(r -> poison.equals(r.key()), DemandEvents.WAIT);
            assertEquals("1", new String(dead.headers().lastHeader(DeadLetterQueue.ATTEMPTS).value(),
                    StandardCharsets.UTF_8), "the malformed record is still dead-lettered at once");
            deadLetters.assertNoRecord(r -> match.id().toString().equals(r.key()), Duration.ofSeconds(1));
            assertTrue(log.text().contains("Infrastructure back: processed " + Topics.MATCHES), log.text());
        } finally {
            log.stop();
        }
    }

    private static void awaitLog(ConfidentialityTest.LogCapture log, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!log.text().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not logged within 30 s: " + text);
            }
            Thread.sleep(50);
        }
    }

    private static void awaitFailures(ConfidentialityTest.LogCapture log, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count(log.text()) < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(count + " failed attempts not seen within 30 s: " + count(log.text()));
            }
            Thread.sleep(50);
        }
    }

    private static int count(String text) {
        Matcher m = STILL_DOWN.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static void assertThrowsAssertion(Runnable check) {
        try {
            check.run();
        } catch (AssertionError expected) {
            return;
        }
        throw new AssertionError("the consumer moved past the record while the database was down");
    }

    /** This class's service on its own PostgreSQL server; the backoff capped at 1 s so that recovery shows quickly. */
    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kechuang.match-events.max-backoff", "1s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OwnPostgres.class));
        }
    }

    /** A PostgreSQL server of this test's own, kept on disk so that it can stop and start again on the same data. */
    public static class OwnPostgres implements QuarkusTestResourceLifecycleManager {

        private static Path dir;
        private static int port;
        private static PostgresServer server;

        @Override
        public Map<String, String> start() {
            try {
                dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "pg-outage-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server = PostgresServer.start(dir, 0, true);
            port = server.port();
            server.createDatabase("demands");
            Map<String, String> config = new java.util.HashMap<>(KechuangTestResource.config(SharedInfrastructure.get(),
                    "demands"));
            config.put("quarkus.datasource.jdbc.url", server.jdbcUrl("demands"));
            config.put("quarkus.datasource.username", server.username());
            config.put("quarkus.datasource.password", server.password());
            return config;
        }

        static int port() {
            return port;
        }

        static synchronized void stopServer() {
            server.close();
        }

        static synchronized void restartServer() {
            server = PostgresServer.start(dir, port, true);
        }

        @Override
        public void stop() {
            if (server != null) {
                server.close();
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

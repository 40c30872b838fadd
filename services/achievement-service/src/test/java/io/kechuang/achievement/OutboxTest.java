package io.kechuang.achievement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.common.outbox.Outbox;
import io.kechuang.common.outbox.OutboxRelay;
import io.kechuang.events.Topics;
import io.kechuang.testing.TopicProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OutboxTest {

    @Inject
    Outbox outbox;

    @Test
    void rolledBackWriteLeavesNoRowAndNoEvent() throws Exception {
        String rolledBack = "rolled-back-" + UUID.randomUUID();
        String committed = "committed-" + UUID.randomUUID();
        try (TopicProbe events = TopicProbe.open(AchievementApi.kafka(), Topics.ACHIEVEMENTS)) {
            assertThrows(QuarkusTransactionException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
                outbox.append(Topics.ACHIEVEMENTS, "kechuang.test.rolled-back", rolledBack, 1, Map.of("n", 1));
                QuarkusTransaction.setRollbackOnly();
            }));
            QuarkusTransaction.requiringNew().run(() ->
                    outbox.append(Topics.ACHIEVEMENTS, "kechuang.test.committed", committed, 1, Map.of("n", 2)));

            events.awaitRecord(r -> r.key().equals(committed), Duration.ofSeconds(10));
            events.assertNoRecord(r -> r.key().equals(rolledBack), Duration.ofSeconds(2));
        }
        assertEquals(0, count("select count(*) from outbox_event where message_key = ?", rolledBack));
        assertEquals(1, count("select count(*) from outbox_event where message_key = ? and sent_at is not null", committed),
                "a published row is marked sent, not left pending");
    }

    @Test
    void notifyDeliversWithinASecondEvenThoughThePollIntervalIsLong() {
        // The test profile sets the fallback poll interval to 20 s; only LISTEN/NOTIFY can make this fast.
        String key = "latency-" + UUID.randomUUID();
        try (TopicProbe events = TopicProbe.open(AchievementApi.kafka(), Topics.ACHIEVEMENTS)) {
            sleepQuietly(Duration.ofMillis(500)); // let the relay go idle on its LISTEN
            long start = System.nanoTime();
            QuarkusTransaction.requiringNew().run(() ->
                    outbox.append(Topics.ACHIEVEMENTS, "kechuang.test.latency", key, 1, Map.of("n", 3)));
            ConsumerRecord<String, String> record = events.awaitRecord(r -> r.key().equals(key), Duration.ofSeconds(5));
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(millis < 1000, "event took " + millis + " ms from commit to consumer");
            assertTrue(new String(record.headers().lastHeader("content-type").value()).startsWith("application/cloudevents+json"));
        }
    }

    @Test
    void onlyOneRelayHoldsTheLockPerService() throws Exception {
        try (Connection other = connect(); PreparedStatement tryLock = other.prepareStatement("select pg_try_advisory_lock(?)")) {
            tryLock.setLong(1, OutboxRelay.LOCK_KEY);
            try (ResultSet rs = tryLock.executeQuery()) {
                rs.next();
                assertFalse(rs.getBoolean(1), "a second relay (another replica) must not get the lock while one is active");
            }
        }
    }

    @Test
    void eventsOfOneAggregateKeepTheirOrder() {
        String key = "ordered-" + UUID.randomUUID();
        try (TopicProbe events = TopicProbe.open(AchievementApi.kafka(), Topics.ACHIEVEMENTS)) {
            for (int v = 1; v <= 20; v++) {
                int version = v;
                QuarkusTransaction.requiringNew().run(() ->
                        outbox.append(Topics.ACHIEVEMENTS, "kechuang.test.ordered", key, version, Map.of("v", version)));
            }
            events.awaitRecord(r -> r.key().equals(key) && r.value().contains("\"aggregateVersion\":20"), Duration.ofSeconds(10));
            var versions = events.records().stream().filter(r -> r.key().equals(key))
                    .map(r -> r.value().replaceAll(".*\"aggregateVersion\":(\\d+).*", "$1")).map(Integer::valueOf).toList();
            assertEquals(java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList(), versions);
        }
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long count(String sql, String key) throws Exception {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Connection connect() throws Exception {
        var config = ConfigProvider.getConfig();
        return DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getValue("quarkus.datasource.password", String.class));
    }
}

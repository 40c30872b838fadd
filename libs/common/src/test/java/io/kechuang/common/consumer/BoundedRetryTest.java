package io.kechuang.common.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.infra.PostgresServer;
import io.kechuang.testing.SharedInfrastructure;
import io.kechuang.testing.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BoundedRetry} in a {@link ConsumerLoop}, against the real Kafka broker and a PostgreSQL server of its own that
 * the tests stop and start again on the same data and port: while the database is down a valid record waits (nothing is
 * dead-lettered, nothing committed past it) and is processed once the database is back; a record that fails for another
 * reason still goes to the dead-letter topic after the bounded attempts; closing the consumer ends the wait at once.
 */
class BoundedRetryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final String kafka = SharedInfrastructure.get().kafkaBootstrapServers();
    private final String topic = "retry-test-" + UUID.randomUUID();
    private final String dlqTopic = topic + ".dlq";
    private final String group = topic + "-group";
    private PostgresServer postgres;
    private int port;
    private DeadLetterQueue deadLetters;
    private ConsumerLoop consumer;

    @BeforeEach
    void start() throws Exception {
        postgres = PostgresServer.start(dir.resolve("pg"), 0, true);
        port = postgres.port();
        postgres.createDatabase("consumer");
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("create table handled (value text primary key)");
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1), new NewTopic(dlqTopic, 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        deadLetters = new DeadLetterQueue(dlqTopic, Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all"));
    }

    @AfterEach
    void stop() throws Exception {
        if (consumer != null) {
            consumer.close();
        }
        deadLetters.close();
        postgres.close();
    }

    @Test
    void aValidRecordWaitsOutADatabaseOutageAndIsProcessedWhenItIsBack() throws Exception {
        AtomicInteger connectionFailures = new AtomicInteger();
        startConsumer(new BoundedRetry(3, Duration.ofMillis(20), Duration.ofMillis(400), deadLetters), record -> {
            try {
                insert(value(record));
            } catch (SQLException e) {
                if (InfrastructureFailures.isInfrastructure(e)) {
                    connectionFailures.incrementAndGet();
                }
                throw e;
            }
        });
        try (TopicProbe dlq = TopicProbe.open(kafka, dlqTopic, true)) {
            publish("before");
            awaitCommitted(1);

            postgres.close(); // pg_ctl stop -m fast: the server is gone, its port refuses connections
            publish("during the outage");
            publish("right behind it");
            awaitTrue(() -> connectionFailures.get() >= 5, "the handler keeps meeting the outage");
            // Far more failures than the three attempts allowed for other errors, and still nothing is given up.
            dlq.assertNoRecord(r -> true, Duration.ofSeconds(2));
            assertEquals(1, committed(), "the consumer does not move past the record while the database is down");
            assertEquals(0, consumer.deadLettered());

            postgres = PostgresServer.start(dir.resolve("pg"), port, true);
            awaitCommitted(3);
            assertEquals(List.of("before", "during the outage", "right behind it"), handled());
            assertEquals(0, consumer.deadLettered());
            dlq.assertNoRecord(r -> true, Duration.ofMillis(500));
        }
    }

    @Test
    void aRecordFailingForAnotherReasonIsDeadLetteredAfterTheBoundedAttempts() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        startConsumer(new BoundedRetry(3, Duration.ofMillis(20), Duration.ofMillis(400), deadLetters), record -> {
            if (value(record).startsWith("duplicate")) {
                attempts.incrementAndGet();
            }
            insert(value(record)); // a unique violation (23505) for the second "duplicate"
        });
        try (TopicProbe dlq = TopicProbe.open(kafka, dlqTopic, true)) {
            publish("duplicate");
            publish("duplicate");
            publish("after");
            awaitCommitted(3);
            ConsumerRecord<String, String> dead = dlq.awaitRecord(r -> "duplicate".equals(r.value()), WAIT);
            assertEquals("3", header(dead, DeadLetterQueue.ATTEMPTS));
            assertTrue(header(dead, DeadLetterQueue.ERROR).contains("PSQLException"), header(dead, DeadLetterQueue.ERROR));
            assertEquals(4, attempts.get(), "one success, then three attempts of the duplicate");
            assertEquals(List.of("after", "duplicate"), handled().stream().sorted().toList());
        }
    }

    @Test
    void closingTheConsumerEndsTheWaitAtOnceWithoutPassingTheRecord() throws Exception {
        AtomicInteger connectionFailures = new AtomicInteger();
        startConsumer(new BoundedRetry(3, Duration.ofMillis(20), Duration.ofSeconds(30), deadLetters), record -> {
            try {
                insert(value(record));
            } catch (SQLException e) {
                connectionFailures.incrementAndGet();
                throw e;
            }
        });
        publish("before");
        awaitCommitted(1);
        postgres.close();
        publish("during the outage");
        // By the 8th failure the backoff has grown past 2.5 s, on its way to 30 s.
        awaitTrue(() -> connectionFailures.get() >= 8, "the handler keeps meeting the outage");

        long t0 = System.nanoTime();
        consumer.close();
        long closedIn = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        consumer = null;
        assertTrue(closedIn < 2000, "closed in " + closedIn + " ms");
        assertEquals(1, committed(), "the waiting record was not passed");
    }

    @Test
    void realConnectionFailuresAreInfrastructureAndOtherFailuresAreNot() throws Exception {
        postgres.close();
        SQLException refused = assertThrows(SQLException.class, this::connect);
        assertEquals("08001", refused.getSQLState());
        assertTrue(InfrastructureFailures.isInfrastructure(refused));
        assertTrue(InfrastructureFailures.isInfrastructure(new RuntimeException("wrapped", new IllegalStateException(refused))));
        assertTrue(InfrastructureFailures.isInfrastructure(
                new org.hibernate.exception.JDBCConnectionException("Unable to acquire JDBC Connection", refused)));
        // Agroal: "Acquisition timeout while waiting for new connection", no SQLState, a TimeoutException as cause.
        assertTrue(InfrastructureFailures.isInfrastructure(new SQLException(
                "Acquisition timeout while waiting for new connection", new java.util.concurrent.TimeoutException())));
        assertTrue(InfrastructureFailures.isInfrastructure(new SQLException("terminating connection", "57P01")));
        assertTrue(InfrastructureFailures.isInfrastructure(
                new org.apache.kafka.common.errors.TimeoutException("Expiring 1 record(s)")));

        assertFalse(InfrastructureFailures.isInfrastructure(new SQLException("duplicate key", "23505")));
        assertFalse(InfrastructureFailures.isInfrastructure(new SQLException("could not serialize", "40001")));
        assertFalse(InfrastructureFailures.isInfrastructure(new SQLException("protocol violation", "08P01")));
        assertFalse(InfrastructureFailures.isInfrastructure(new IllegalStateException("a bug")));
        assertFalse(InfrastructureFailures.isInfrastructure(
                new org.apache.kafka.common.errors.RecordTooLargeException("too large")));
    }

    private void startConsumer(BoundedRetry retry, BoundedRetry.RecordHandler handler) {
        consumer = new ConsumerLoop(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka),
                ConsumerLoop.Settings.of(group, Duration.ofMillis(100)).withStallBackoff(Duration.ofMillis(200)),
                new GroupOffsets(group, List.of(topic)), retry, handler);
        consumer.start();
    }

    private Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("password", "postgres");
        props.setProperty("connectTimeout", "2");
        return new org.postgresql.Driver().connect("jdbc:postgresql://127.0.0.1:" + port + "/consumer", props);
    }

    private void insert(String value) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("insert into handled values (?)")) {
            ps.setString(1, value);
            ps.executeUpdate();
        }
    }

    private List<String> handled() throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select value from handled order by ctid")) {
            List<String> values = new java.util.ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    private void publish(String value) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, value, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long committed() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS).get(new TopicPartition(topic, 0));
            return offset == null ? 0 : offset.offset();
        }
    }

    private void awaitCommitted(long offset) throws Exception {
        awaitTrue(() -> committed() >= offset, "the group commits offset " + offset);
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void awaitTrue(Condition condition, String what) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(50);
        }
    }

    private static String value(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}

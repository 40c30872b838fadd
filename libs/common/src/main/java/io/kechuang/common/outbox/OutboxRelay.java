package io.kechuang.common.outbox;

import io.kechuang.common.kafka.KafkaSettings;
import io.kechuang.events.EventEnvelope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

/**
 * Publishes outbox rows to Kafka, oldest first.
 * <ul>
 * <li>One relay per service is active: it holds a session-level PostgreSQL advisory lock on its own connection.
 * Other replicas stand by and take over when that connection goes away.</li>
 * <li>It sleeps on {@code LISTEN kechuang_outbox} (the insert trigger's {@code NOTIFY} arrives at commit), with
 * {@code poll-interval} as the fallback, so events leave well under a second after commit.</li>
 * <li>Rows are read in id order and sent through an idempotent producer; a row is marked sent only after the
 * broker acknowledged it. A failure keeps the row and every later one, and retries with exponential backoff, so
 * a later event of an aggregate never overtakes an earlier one.</li>
 * <li>Sent rows are pruned after {@code retention}.</li>
 * </ul>
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String CHANNEL = "kechuang_outbox";
    /** Advisory lock key; advisory locks are per database and every service owns its database. */
    public static final long LOCK_KEY = 0x6b6563_6f7574L;
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);
    /** How long a stop waits for the relay's round in progress. */
    private static final Duration WORKER_STOP = Duration.ofSeconds(10);
    /** How long a stop goes on publishing what the last requests committed. */
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(5);

    @Inject
    OutboxConfig config;

    @Inject
    KafkaSettings kafka;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @ConfigProperty(name = "quarkus.application.name", defaultValue = "kechuang")
    String applicationName;

    private volatile boolean running;
    private volatile boolean active;
    private Thread worker;
    private Producer<String, String> producer;
    private Connection connection;
    private long lastPrune;
    private Counter published;
    private Counter failures;

    void start(@Observes @Priority(20) StartupEvent event) {
        if (!config.relayEnabled()) {
            LOG.info("Outbox relay disabled by configuration");
            return;
        }
        published = metrics.counter("kechuang.outbox.published");
        failures = metrics.counter("kechuang.outbox.failures");
        producer = new KafkaProducer<>(kafka.idempotentProducer(applicationName + "-outbox"), new StringSerializer(),
                new StringSerializer());
        running = true;
        worker = Thread.ofPlatform().name("outbox-relay").daemon().start(this::run);
    }

    /**
     * Stops cleanly: the round in progress finishes and marks what the broker acknowledged (a {@code NOTIFY} wakes
     * a relay waiting for one), then what was committed meanwhile, by the last requests, is published too, for at most
     * {@link #DRAIN_LIMIT}. Whatever is left stays in the table for the next relay: nothing is lost either way.
     */
    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (worker != null) {
            wakeWorker();
            if (!active) {
                worker.interrupt(); // a standby sleeps, and has nothing to finish
            }
            join(WORKER_STOP);
            if (worker.isAlive()) {
                worker.interrupt();
                join(WORKER_STOP);
            }
            if (!worker.isAlive()) {
                drain();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        closeConnection();
    }

    private void wakeWorker() {
        Properties login = new Properties();
        login.setProperty("user", username);
        login.setProperty("password", password);
        login.setProperty("connectTimeout", "2");
        try (Connection c = DriverManager.getConnection(jdbcUrl, login);
                Statement notify = c.createStatement()) {
            notify.execute("NOTIFY " + CHANNEL);
        } catch (SQLException e) {
            // it wakes by itself within poll-interval
        }
    }

    private void join(Duration timeout) {
        try {
            worker.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        if (!active || connection == null) {
            return;
        }
        long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        try {
            int sent;
            do {
                sent = publishBatch();
            } while (sent == config.batchSize() && System.nanoTime() < deadline);
        } catch (Exception e) {
            LOG.warnf("Outbox relay stopped with rows left for the next relay: %s", e.toString());
        }
    }

    /** Whether this replica currently holds the relay lock. */
    public boolean active() {
        return active;
    }

    private void run() {
        Duration backoff = config.initialBackoff();
        while (running) {
            try {
                if (!holdLock()) {
                    Thread.sleep(config.pollInterval().toMillis());
                    continue;
                }
                int sent = publishBatch();
                backoff = config.initialBackoff();
                pruneIfDue();
                if (sent < config.batchSize()) {
                    awaitNotification();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                failures.increment();
                LOG.warnf("Outbox relay round failed, retrying in %d ms: %s", backoff.toMillis(), e.toString());
                if (e instanceof SQLException) {
                    closeConnection();
                }
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(config.maxBackoff()) > 0 ? config.maxBackoff()
                        : backoff.multipliedBy(2);
            }
        }
    }

    /** Opens the relay connection if needed and takes the advisory lock; false while another replica holds it. */
    private boolean holdLock() throws SQLException {
        if (connection != null && active) {
            return true;
        }
        if (connection == null) {
            connection = DriverManager.getConnection(jdbcUrl, username, password);
            connection.setAutoCommit(true);
        }
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            lock.setLong(1, LOCK_KEY);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                active = rs.getBoolean(1);
            }
        }
        if (active) {
            try (Statement listen = connection.createStatement()) {
                listen.execute("LISTEN " + CHANNEL);
            }
            LOG.info("Outbox relay active");
        }
        return active;
    }

    private int publishBatch() throws Exception {
        List<Long> ids = new ArrayList<>();
        List<Future<?>> acks = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select id, topic, message_key, payload from outbox_event where sent_at is null order by id limit ?")) {
            select.setInt(1, config.batchSize());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ProducerRecord<String, String> record = new ProducerRecord<>(rs.getString(2), rs.getString(3),
                            rs.getString(4));
                    record.headers().add("content-type",
                            EventEnvelope.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
                    ids.add(rs.getLong(1));
                    acks.add(producer.send(record));
                }
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        producer.flush();
        int acknowledged = 0;
        Exception failure = null;
        for (Future<?> ack : acks) {
            try {
                ack.get(30, TimeUnit.SECONDS);
                acknowledged++;
            } catch (Exception e) {
                failure = e;
                break;
            }
        }
        markSent(ids.subList(0, acknowledged));
        if (failure != null) {
            recordFailure(ids.get(acknowledged), failure);
            throw failure;
        }
        published.increment(acknowledged);
        return acknowledged;
    }

    private void markSent(List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "update outbox_event set sent_at = now(), attempts = attempts + 1, last_error = null where id = any(?)")) {
            Array array = connection.createArrayOf("bigint", ids.toArray());
            update.setArray(1, array);
            update.executeUpdate();
        }
    }

    private void recordFailure(long id, Exception failure) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update outbox_event set attempts = attempts + 1, last_error = ? where id = ?")) {
            String message = String.valueOf(failure.getCause() == null ? failure : failure.getCause());
            update.setString(1, message.length() > 1000 ? message.substring(0, 1000) : message);
            update.setLong(2, id);
            update.executeUpdate();
        }
    }

    private void pruneIfDue() throws SQLException {
        long now = System.nanoTime();
        if (lastPrune != 0 && now - lastPrune < PRUNE_EVERY.toNanos()) {
            return;
        }
        lastPrune = now;
        try (PreparedStatement delete = connection.prepareStatement(
                "delete from outbox_event where sent_at < now() - make_interval(secs => ?)")) {
            delete.setDouble(1, config.retention().toMillis() / 1000.0);
            int pruned = delete.executeUpdate();
            if (pruned > 0) {
                LOG.debugf("Pruned %d sent outbox rows", pruned);
            }
        }
    }

    private void awaitNotification() throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        pg.getNotifications((int) Math.max(1, config.pollInterval().toMillis()));
    }

    private void closeConnection() {
        active = false;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is being discarded after a failure
            }
            connection = null;
        }
    }
}

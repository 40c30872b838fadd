package io.kechuang.common.consumer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The one Kafka poll loop of the platform, on a thread of its own: poll, hand each record to the handler through
 * {@link BoundedRetry}, store the offsets of what was handled, and stop at {@link #close()}. What differs between its
 * users is where the offsets are kept ({@link OffsetStore}: committed to a consumer group, or stored with the
 * handler's own effects) and, optionally, a {@link RecordGate} that makes a record wait.
 * <ul>
 * <li><b>Records</b> are handled partition by partition, in offset order. A record that keeps failing goes to the
 * dead-letter queue and the partition moves on; while the infrastructure is down the record waits
 * ({@link BoundedRetry}). A record that can be neither handled nor dead-lettered is read again after
 * {@code stallBackoff}; so is a record the gate holds back, at the next poll. Offsets are stored only for records the
 * handler returned from, so after a crash or a rebalance the records since then are handled again: handlers are
 * idempotent.</li>
 * <li><b>Kafka calls</b> (committing, reading positions and end offsets, looking up topics) run with a bounded timeout
 * and are retried with backoff while Kafka is unavailable ({@link InfrastructureFailures}: a timeout, a broker that
 * cannot be reached, any retriable error). An outage never ends the loop.</li>
 * <li><b>A session that fails anyway</b> (an unexpected exception or error, from the handler or from Kafka) is closed
 * and a new one started, with a backoff that doubles from {@code restartBackoff} up to {@code maxRestartBackoff} and
 * starts again once a session has run for a minute. {@link #restarts()} counts them.</li>
 * <li><b>Health</b>: {@link #live(Duration)} is false while the loop is meant to run but has been between sessions
 * for longer than the grace, has not completed a poll (or an attempt at a record, or at a Kafka call) for longer than
 * the grace, or its thread has ended; {@link ConsumerLiveness} reports it to the service's liveness check. An outage of
 * Kafka or of the database does not make a loop dead: it keeps trying, and a restart would not help.</li>
 * <li><b>Close</b> wakes a blocked poll, ends any retry wait ({@link BoundedRetry#stop()}), stores what was handled and
 * leaves the group. A {@link BoundedRetry} shared by several loops stops them all.</li>
 * </ul>
 * Plain Java, so it runs in any service and in tests.
 */
public final class ConsumerLoop implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class);

    /** A session that ran this long before it failed restarts after the first backoff step again. */
    private static final long STABLE_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** How often a continuing Kafka outage is logged at WARN. */
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final Duration FIRST_KAFKA_BACKOFF = Duration.ofMillis(200);

    /**
     * @param clientId the Kafka client id, also the thread's name and the loop's name in logs and health
     * @param pollTimeout how long one poll waits for records
     * @param stallBackoff the pause before a record is tried again that could be neither handled nor dead-lettered
     * @param maxPollRecords records per poll at most
     * @param fetchMaxWait how long the broker may hold a fetch; empty for Kafka's default
     * @param kafkaTimeout the timeout of each Kafka call the loop makes (commit, positions, end offsets, close)
     * @param restartBackoff the pause before the first restart of a failed session; doubles with each further one
     * @param maxRestartBackoff the longest pause before a restart
     */
    public record Settings(String clientId, Duration pollTimeout, Duration stallBackoff, int maxPollRecords,
            Optional<Duration> fetchMaxWait, Duration kafkaTimeout, Duration restartBackoff,
            Duration maxRestartBackoff) {

        /** Stall backoff 5 s, 100 records a poll, Kafka calls 10 s, restarts after 1 s doubling up to 5 minutes. */
        public static Settings of(String clientId, Duration pollTimeout) {
            return new Settings(clientId, pollTimeout, Duration.ofSeconds(5), 100, Optional.empty(),
                    Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(5));
        }

        public Settings withStallBackoff(Duration stall) {
            return new Settings(clientId, pollTimeout, stall, maxPollRecords, fetchMaxWait, kafkaTimeout,
                    restartBackoff, maxRestartBackoff);
        }

        public Settings withMaxPollRecords(int max) {
            return new Settings(clientId, pollTimeout, stallBackoff, max, fetchMaxWait, kafkaTimeout, restartBackoff,
                    maxRestartBackoff);
        }

        public Settings withFetchMaxWait(Duration wait) {
            return new Settings(clientId, pollTimeout, stallBackoff, maxPollRecords, Optional.of(wait), kafkaTimeout,
                    restartBackoff, maxRestartBackoff);
        }

        public Settings withKafkaTimeout(Duration timeout) {
            return new Settings(clientId, pollTimeout, stallBackoff, maxPollRecords, fetchMaxWait, timeout,
                    restartBackoff, maxRestartBackoff);
        }

        public Settings withRestartBackoff(Duration first, Duration max) {
            return new Settings(clientId, pollTimeout, stallBackoff, maxPollRecords, fetchMaxWait, kafkaTimeout, first,
                    max);
        }
    }

    /** Whether a record may be handled now. */
    @FunctionalInterface
    public interface RecordGate {
        /** @return false to leave the record, and the rest of its partition, for a later poll */
        boolean ready(ConsumerRecord<byte[], byte[]> record) throws InterruptedException;
    }

    /** One call to the Kafka client. */
    @FunctionalInterface
    public interface KafkaCall<T> {
        T call() throws Exception;
    }

    private final Map<String, Object> kafkaConfig;
    private final Settings settings;
    private final OffsetStore offsets;
    private final BoundedRetry retry;
    /** The MDC keys of the record being handled. */
    public static final String MDC_TOPIC = "topic";
    public static final String MDC_PARTITION = "partition";
    public static final String MDC_OFFSET = "offset";

    private final BoundedRetry.RecordHandler handler;
    private final RecordGate gate;

    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong restarts = new AtomicLong();
    private final AtomicLong kafkaRetries = new AtomicLong();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    /** Meant to run: from {@link #start()} until {@link #close()}. */
    private volatile boolean running;
    private volatile boolean sessionUp;
    private volatile boolean down;
    private volatile long downSince;
    private volatile long lastBeat;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private volatile Thread thread;

    /** @param kafkaConfig client settings from configuration, e.g. {@code KafkaSettings.consumer()} */
    public ConsumerLoop(Map<String, Object> kafkaConfig, Settings settings, OffsetStore offsets, BoundedRetry retry,
            BoundedRetry.RecordHandler handler) {
        this(kafkaConfig, settings, offsets, retry, handler, record -> true);
    }

    public ConsumerLoop(Map<String, Object> kafkaConfig, Settings settings, OffsetStore offsets, BoundedRetry retry,
            BoundedRetry.RecordHandler handler, RecordGate gate) {
        this.kafkaConfig = new HashMap<>(kafkaConfig);
        this.settings = settings;
        this.offsets = offsets;
        this.retry = retry;
        this.handler = handler;
        this.gate = gate;
    }

    public void start() {
        running = true;
        beat();
        thread = Thread.ofPlatform().name(settings.clientId()).start(this::supervise);
    }

    public String name() {
        return settings.clientId();
    }

    /** Records handled so far, dead letters included. */
    public long processed() {
        return processed.get();
    }

    /** Records sent to the dead-letter queue so far. */
    public long deadLettered() {
        return deadLettered.get();
    }

    /** Sessions started again after one failed. */
    public long restarts() {
        return restarts.get();
    }

    /** Kafka calls that failed for a retriable reason (a timeout, an unreachable broker) and were tried again. */
    public long kafkaRetries() {
        return kafkaRetries.get();
    }

    /** Whether a session is running: started, not closed, and not waiting to restart after a failure. */
    public boolean alive() {
        Thread t = thread;
        return sessionUp && t != null && t.isAlive();
    }

    /**
     * False while the loop is meant to run and its thread has ended, or it has been waiting to restart for longer than
     * {@code grace}, or has not completed a poll, an attempt at a record or a Kafka call for longer than {@code grace}.
     * True before {@link #start()} and after {@link #close()}.
     */
    public boolean live(Duration grace) {
        return state(grace).live();
    }

    /** What {@link #live} says, in words, for the health check's data. */
    public String describe(Duration grace) {
        return state(grace).text() + ", " + restarts() + " restart(s)";
    }

    private record State(boolean live, String text) {
    }

    private State state(Duration grace) {
        Thread t = thread;
        if (!running) {
            return new State(true, t == null ? "not started" : "stopped");
        }
        if (t == null || !t.isAlive()) {
            return new State(false, "its thread has ended");
        }
        long now = System.nanoTime();
        if (down) {
            long ms = TimeUnit.NANOSECONDS.toMillis(now - downSince);
            return new State(now - downSince <= grace.toNanos(), "failed, restarting (down for " + ms + " ms)");
        }
        long idle = now - lastBeat;
        if (idle > grace.toNanos()) {
            return new State(false, "no poll for " + TimeUnit.NANOSECONDS.toMillis(idle) + " ms");
        }
        return new State(true, "running");
    }

    private void beat() {
        lastBeat = System.nanoTime();
    }

    /** Runs sessions until the loop is closed, restarting each that fails. */
    private void supervise() {
        Duration backoff = settings.restartBackoff();
        try {
            while (running) {
                long started = System.nanoTime();
                try {
                    session();
                } catch (Throwable failure) {
                    sessionUp = false;
                    boolean interrupted = Thread.interrupted(); // cleared, so that the pause below can wait
                    if (!running) {
                        break;
                    }
                    if (failure instanceof BoundedRetry.Stopped && retry.isStopped()) {
                        LOG.infof("Consumer %s stops: its retry was stopped (the service is shutting down)", name());
                        running = false;
                        break;
                    }
                    if (System.nanoTime() - started >= STABLE_NANOS) {
                        backoff = settings.restartBackoff();
                    }
                    down = true;
                    downSince = System.nanoTime();
                    LOG.errorf(failure, "Consumer %s failed%s; restarting it in %d ms", name(),
                            interrupted ? " (interrupted)" : "", backoff.toMillis());
                    if (!pause(backoff)) {
                        break;
                    }
                    restarts.incrementAndGet();
                    backoff = backoff.multipliedBy(2).compareTo(settings.maxRestartBackoff()) > 0
                            ? settings.maxRestartBackoff() : backoff.multipliedBy(2);
                }
            }
        } catch (InterruptedException e) {
            LOG.infof("Consumer %s interrupted while waiting to restart; it stops", name());
        } finally {
            sessionUp = false;
            finished.countDown();
        }
    }

    /** One Kafka client, from positioning it to its close. Returns when the loop is closed; throws when it failed. */
    private void session() throws Exception {
        beat();
        KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(clientConfig(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        Session session = new Session(kafka);
        try {
            consumer = kafka;
            if (!running) {
                return; // close() came before the client was published: its wakeup missed it
            }
            down = false;
            sessionUp = true;
            if (!offsets.start(session)) {
                return;
            }
            while (running) {
                ConsumerRecords<byte[], byte[]> records = kafka.poll(settings.pollTimeout());
                beat();
                Batch batch = handle(kafka, records);
                session.call("storing offsets", () -> {
                    offsets.afterBatch(session, batch.handledAny());
                    return null;
                });
                if (batch.stalled() && !pause(settings.stallBackoff())) {
                    return;
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e; // only close() wakes the client
            }
        } catch (BoundedRetry.Stopped e) {
            if (running) {
                throw e;
            }
            LOG.infof("Consumer %s stopped before a record was done; it is handled again after the restart", name());
        } finally {
            sessionUp = false;
            consumer = null;
            offsets.finish(session);
            closeQuietly(kafka);
        }
    }

    private record Batch(boolean handledAny, boolean stalled) {
    }

    /** Every line logged while a record is handled names its topic, partition and offset (MDC, in the JSON logs). */
    private BoundedRetry.Outcome processLogged(ConsumerRecord<byte[], byte[]> record) throws Exception {
        MDC.put(MDC_TOPIC, record.topic());
        MDC.put(MDC_PARTITION, record.partition());
        MDC.put(MDC_OFFSET, record.offset());
        try {
            return retry.process(record, handler, this::beat, name());
        } finally {
            MDC.remove(MDC_TOPIC);
            MDC.remove(MDC_PARTITION);
            MDC.remove(MDC_OFFSET);
        }
    }

    /**
     * Handles a batch partition by partition, in offset order. A partition stops at a record the gate holds back or
     * that can be neither handled nor dead-lettered, and at close: it is read again from there.
     */
    private Batch handle(KafkaConsumer<byte[], byte[]> kafka, ConsumerRecords<byte[], byte[]> records)
            throws Exception {
        boolean handledAny = false;
        boolean stalled = false;
        for (TopicPartition tp : records.partitions()) {
            for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
                if (!running || !gate.ready(record)) {
                    kafka.seek(tp, record.offset());
                    break;
                }
                BoundedRetry.Outcome outcome;
                try {
                    outcome = processLogged(record);
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    LOG.errorf("Cannot handle nor dead-letter %s-%d@%d; trying again in %d ms: %s", tp.topic(),
                            tp.partition(), record.offset(), settings.stallBackoff().toMillis(), e.toString());
                    kafka.seek(tp, record.offset());
                    stalled = true;
                    break;
                }
                if (outcome == BoundedRetry.Outcome.DEAD_LETTERED) {
                    deadLettered.incrementAndGet();
                }
                processed.incrementAndGet();
                offsets.handled(tp, record.offset() + 1);
                handledAny = true;
            }
        }
        return new Batch(handledAny, stalled);
    }

    /** Reads only committed records, commits only through the offset store, never creates a topic. */
    private Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        settings.fetchMaxWait().ifPresent(wait -> config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                (int) wait.toMillis()));
        offsets.configure(config);
        return config;
    }

    private void closeQuietly(KafkaConsumer<byte[], byte[]> kafka) {
        try {
            kafka.close(CloseOptions.timeout(settings.kafkaTimeout()));
        } catch (RuntimeException e) {
            LOG.debugf("Consumer %s: closing its client failed: %s", name(), e.toString());
        }
    }

    /** Waits, unless the loop is closed first; false if it was. */
    private boolean pause(Duration duration) throws InterruptedException {
        return !closing.await(duration.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Stops consuming: the record in hand is finished unless it is waiting for a retry (which ends at once, leaving the
     * record to be handled again), what was handled is stored, and the consumer leaves its group.
     */
    @Override
    public void close() throws InterruptedException {
        running = false;
        closing.countDown();
        retry.stop();
        Optional.ofNullable(consumer).ifPresent(KafkaConsumer::wakeup);
        if (thread != null && !finished.await(30, TimeUnit.SECONDS)) {
            LOG.warnf("Consumer %s did not stop within 30 s", name());
        }
    }

    /** A session's Kafka client, for the {@link OffsetStore}, with calls that wait out an outage. */
    public final class Session {
        private final KafkaConsumer<byte[], byte[]> kafka;

        private Session(KafkaConsumer<byte[], byte[]> kafka) {
            this.kafka = kafka;
        }

        public Consumer<byte[], byte[]> kafka() {
            return kafka;
        }

        /** The timeout to give each Kafka call. */
        public Duration timeout() {
            return settings.kafkaTimeout();
        }

        /**
         * Runs {@code call}, again and again with a doubling pause (up to the Kafka timeout) while it fails because
         * Kafka is unavailable; any other failure is thrown.
         *
         * @throws BoundedRetry.Stopped if the loop is closed meanwhile
         */
        public <T> T call(String what, KafkaCall<T> call) throws Exception {
            Duration pause = FIRST_KAFKA_BACKOFF;
            long since = 0;
            long lastWarning = 0;
            int failures = 0;
            while (true) {
                try {
                    T result = call.call();
                    if (failures > 0) {
                        LOG.infof("Kafka back: consumer %s done %s after %d failure(s) in %d s", name(), what,
                                failures, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since));
                    }
                    return result;
                } catch (WakeupException e) {
                    throw e;
                } catch (Exception e) {
                    if (!InfrastructureFailures.isInfrastructure(e)) {
                        throw e;
                    }
                    kafkaRetries.incrementAndGet();
                    long now = System.nanoTime();
                    if (failures++ == 0) {
                        since = now;
                    }
                    if (failures == 1 || now - lastWarning >= WARN_EVERY_NANOS) {
                        lastWarning = now;
                        LOG.warnf("Kafka unavailable: consumer %s is %s (%d failure(s) in %d s); retrying until it is "
                                + "back: %s", name(), what, failures, TimeUnit.NANOSECONDS.toSeconds(now - since),
                                e.toString());
                    }
                    beat();
                    if (!pause(pause)) {
                        throw new BoundedRetry.Stopped("closed while " + what);
                    }
                    pause = pause.multipliedBy(2).compareTo(timeout()) > 0 ? timeout() : pause.multipliedBy(2);
                }
            }
        }

        /**
         * Waits until the topic's producer has created it.
         *
         * @return its partitions; {@code null} if the loop was closed first
         */
        public List<PartitionInfo> awaitTopic(String topic) throws InterruptedException {
            boolean logged = false;
            while (running) {
                try {
                    List<PartitionInfo> partitions = kafka.partitionsFor(topic, timeout());
                    if (partitions != null && !partitions.isEmpty()) {
                        return partitions;
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (KafkaException e) {
                    LOG.debugf("Cannot look up topic %s yet: %s", topic, e.toString());
                }
                if (!logged) {
                    LOG.infof("Waiting for topic %s to be created by its producer", topic);
                    logged = true;
                }
                beat();
                if (!pause(Duration.ofSeconds(1))) {
                    return null;
                }
            }
            return null;
        }
    }
}

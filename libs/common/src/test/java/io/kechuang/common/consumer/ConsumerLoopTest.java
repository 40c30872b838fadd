package io.kechuang.common.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.infra.KafkaKraftBroker;
import io.kechuang.testing.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
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
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ConsumerLoop}, in both of its offset modes, against a real Kafka broker of its own (the tests stop it and
 * start it again on the same data and port, which would disturb the other test classes' shared broker): handling and
 * committing, bounded retry then the dead-letter queue, a close that wakes a blocked poll, a broker stopped between
 * handling and committing, a session that dies on an unexpected error and is restarted with backoff while liveness
 * says DOWN, and offsets kept outside Kafka that survive a broker outage.
 */
class ConsumerLoopTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static KafkaKraftBroker broker;
    private static int brokerPort;
    private static int controllerPort;

    private final String topic = "loop-test-" + UUID.randomUUID();
    private final String group = topic + "-group";
    private DeadLetterQueue deadLetters;
    private ConsumerLoop loop;

    @BeforeAll
    static void startBroker() {
        broker = KafkaKraftBroker.start(dir.resolve("kafka"), 0, 0, true);
        brokerPort = broker.brokerPort();
        controllerPort = broker.controllerPort();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    /** Stops the broker; its data stays for {@link #startBrokerAgain()}. */
    private static synchronized void stopTheBroker() {
        broker.close();
    }

    /** The same broker again: same data, same ports, so the clients' bootstrap address still holds. */
    private static synchronized void startBrokerAgain() {
        broker = KafkaKraftBroker.start(dir.resolve("kafka"), brokerPort, controllerPort, true);
    }

    private static String kafka() {
        return "127.0.0.1:" + brokerPort;
    }

    @BeforeEach
    void createTopics() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1), new NewTopic(topic + ".dlq", 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        deadLetters = new DeadLetterQueue(topic + ".dlq", Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all"));
    }

    @AfterEach
    void closeLoop() throws Exception {
        if (loop != null) {
            loop.close();
        }
        deadLetters.close();
    }

    @Test
    void recordsAreHandledInOrderAndCommittedOnceTheHandlerReturned() throws Exception {
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        ConsumerLiveness liveness = new ConsumerLiveness(Duration.ofSeconds(60));
        loop = groupLoop(settings(), retry(3), record -> handled.add(value(record)));
        liveness.watch(loop);
        loop.start();
        publish("一", "二", "三");

        await(() -> committed() == 3, "the group commits all three");
        assertEquals(List.of("一", "二", "三"), handled);
        assertEquals(3, loop.processed());
        assertEquals(0, loop.deadLettered());
        assertEquals(0, loop.restarts());
        HealthCheckResponse health = liveness.call();
        assertEquals(HealthCheckResponse.Status.UP, health.getStatus());
        assertTrue(String.valueOf(health.getData().orElseThrow().get(group)).startsWith("running"),
                health.getData().toString());
    }

    @Test
    void aRecordThatKeepsFailingIsRetriedThenDeadLetteredAndThePartitionMovesOn() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        loop = groupLoop(settings(), retry(3), record -> {
            if (value(record).equals("poison")) {
                attempts.incrementAndGet();
                throw new IllegalStateException("cannot handle " + value(record));
            }
            handled.add(value(record));
        });
        loop.start();
        try (TopicProbe dlq = TopicProbe.open(kafka(), topic + ".dlq", true)) {
            publish("before", "poison", "after");
            ConsumerRecord<String, String> dead = dlq.awaitRecord(r -> "poison".equals(r.value()), WAIT);
            assertEquals("3", header(dead, DeadLetterQueue.ATTEMPTS));
            assertTrue(header(dead, DeadLetterQueue.ERROR).contains("IllegalStateException"));
            await(() -> committed() == 3, "the partition moves past the dead letter");
        }
        assertEquals(3, attempts.get(), "three attempts, then the dead letter");
        assertEquals(List.of("before", "after"), handled);
        assertEquals(1, loop.deadLettered());
        assertEquals(3, loop.processed());
    }

    @Test
    void closeWakesABlockedPollAtOnceAndCommitsWhatWasHandled() throws Exception {
        GroupOffsets offsets = new GroupOffsets(group, List.of(topic));
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        loop = new ConsumerLoop(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka()),
                ConsumerLoop.Settings.of(group, Duration.ofSeconds(60)), offsets, retry(3),
                record -> handled.add(value(record)));
        loop.start();
        await(offsets::joined, "the member joins its group");
        publish("handled before the close");
        await(() -> handled.size() == 1, "the record is handled");
        // The poll after it waits up to 60 s for more; the commit came before it.

        long t0 = System.nanoTime();
        loop.close();
        long closedIn = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(closedIn < 5000, "closed in " + closedIn + " ms, while a poll of 60 s was under way");
        assertFalse(loop.alive());
        assertTrue(loop.live(Duration.ZERO), "a closed loop is not meant to run: not a liveness failure");
        assertEquals(1, committed());
        loop = null;
    }

    @Test
    void aBrokerStoppedBetweenHandlingAndCommittingIsWaitedOutAndEveryRecordTakesEffectOnce() throws Exception {
        // The effect of a record: its sequence number appended once, in order (the idempotent rule of every consumer
        // here: apply only what is newer than what is held).
        List<Integer> effects = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger deliveries = new AtomicInteger();
        AtomicBoolean stopped = new AtomicBoolean();
        CountDownLatch brokerDown = new CountDownLatch(1);
        int first = 20;
        loop = groupLoop(settings().withKafkaTimeout(Duration.ofSeconds(1)), retry(3), record -> {
            int n = Integer.parseInt(value(record));
            deliveries.incrementAndGet();
            synchronized (effects) {
                if (effects.isEmpty() || n > effects.getLast()) {
                    effects.add(n);
                }
            }
            if (n == 9 && stopped.compareAndSet(false, true)) {
                // Records 0-9 are handled, none committed yet: the commit after this batch meets a stopped broker.
                stopTheBroker();
                brokerDown.countDown();
            }
        });
        publish(IntStream.range(0, first).mapToObj(Integer::toString).toArray(String[]::new));
        loop.start();

        assertTrue(brokerDown.await(WAIT.toSeconds(), TimeUnit.SECONDS), "record 9 is handled and the broker stopped");
        await(() -> loop.kafkaRetries() >= 3, "the commit fails, and is tried again");
        assertTrue(loop.alive(), "the loop waits the outage out");
        startBrokerAgain();

        await(() -> committed() == first, "the loop resumes and commits every record");
        publish("20", "21", "22");
        await(() -> committed() == first + 3, "and goes on with new records");
        assertEquals(IntStream.range(0, first + 3).boxed().toList(), effects, "every record took effect, once, in order");
        assertTrue(deliveries.get() >= first + 3);
        assertEquals(0, loop.restarts(), "no session failed: the thread never died");
        assertTrue(loop.live(Duration.ofSeconds(60)));
    }

    @Test
    void aSessionThatDiesOfAnUnexpectedErrorIsRestartedWithBackoffAndLivenessIsDownMeanwhile() throws Exception {
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        List<Long> failedAt = Collections.synchronizedList(new ArrayList<>());
        ConsumerLiveness liveness = new ConsumerLiveness(Duration.ofMillis(300));
        loop = groupLoop(settings().withRestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(10)), retry(3),
                record -> {
                    if (value(record).equals("boom") && failedAt.size() < 2) {
                        failedAt.add(System.nanoTime());
                        throw new AssertionError("an error no handler expects"); // not an Exception: BoundedRetry lets it through
                    }
                    handled.add(value(record));
                });
        liveness.watch(loop);
        loop.start();
        publish("before", "boom", "after");

        // (On a loaded machine a slow start can also exceed a grace this short: wait for the restart's DOWN itself.)
        await(() -> {
            HealthCheckResponse health = liveness.call();
            return health.getStatus() == HealthCheckResponse.Status.DOWN
                    && String.valueOf(health.getData().orElseThrow().get(group)).contains("restarting");
        }, "liveness fails while it is down, waiting to restart");
        await(() -> handled.contains("after"), "the restarted session handles the record and goes on");
        long handledAt = System.nanoTime();
        await(() -> liveness.call().getStatus() == HealthCheckResponse.Status.UP, "liveness is UP again");

        assertEquals(2, loop.restarts());
        assertEquals(List.of("before", "boom", "after"), handled, "each handled once: what was handled was committed");
        long firstPause = TimeUnit.NANOSECONDS.toMillis(failedAt.get(1) - failedAt.get(0));
        long secondPause = TimeUnit.NANOSECONDS.toMillis(handledAt - failedAt.get(1));
        assertTrue(firstPause >= 1000, "first restart after " + firstPause + " ms");
        assertTrue(secondPause >= 2000, "the second after twice as long: " + secondPause + " ms");
        await(() -> committed() == 3, "everything committed");
    }

    @Test
    void aHandlerStuckLongerThanTheGraceFailsLiveness() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ConsumerLiveness liveness = new ConsumerLiveness(Duration.ofMillis(500));
        loop = groupLoop(settings(), retry(3), record -> {
            entered.countDown();
            release.await();
        });
        liveness.watch(loop);
        loop.start();
        publish("stuck");
        assertTrue(entered.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the handler is called");
        await(() -> liveness.call().getStatus() == HealthCheckResponse.Status.DOWN, "a stuck loop is not alive");
        assertTrue(String.valueOf(liveness.call().getData().orElseThrow().get(group)).startsWith("no poll for"));
        release.countDown();
        await(() -> liveness.call().getStatus() == HealthCheckResponse.Status.UP, "polling again, it is alive");
    }

    @Test
    void storedOffsetsResumeWhereTheStoreSaysAndAnEndOffsetTimeoutDoesNotEndTheLoop() throws Exception {
        TopicPartition tp = new TopicPartition(topic, 0);
        Map<TopicPartition, Long> store = new ConcurrentHashMap<>(Map.of(tp, 3L));
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        publish("0", "1", "2", "3", "4", "5");
        StoredOffsets offsets = storedOffsets(store);
        loop = new ConsumerLoop(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka()),
                settings().withKafkaTimeout(Duration.ofSeconds(1)), offsets, retry(3), r -> handled.add(value(r)));
        loop.start();

        await(() -> store.get(tp) == 6L, "the handled offsets are stored");
        assertEquals(List.of("3", "4", "5"), handled, "it starts at the stored offset");
        assertEquals(0, loop.deadLettered());
        await(() -> offsets.lag() == 0, "caught up");

        stopTheBroker();
        await(() -> offsets.endOffsetFailures() >= 2, "reading the end offsets times out");
        assertTrue(loop.alive(), "and the loop goes on");
        assertEquals(0, loop.restarts());
        assertTrue(loop.live(Duration.ofSeconds(10)));
        startBrokerAgain();

        publish("6", "7");
        await(() -> store.get(tp) == 8L, "records after the outage are handled and stored");
        await(() -> offsets.lag() == 0, "and the lag is read again");
        loop.close();

        // A new loop on the same store goes on from there: nothing is handled twice.
        publish("8");
        loop = new ConsumerLoop(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka()), settings(),
                storedOffsets(store), retry(3), r -> handled.add(value(r)));
        loop.start();
        await(() -> store.get(tp) == 9L, "the new loop stores its progress");
        assertEquals(List.of("3", "4", "5", "6", "7", "8"), handled);
    }

    private StoredOffsets storedOffsets(Map<TopicPartition, Long> store) {
        return new StoredOffsets(List.of(topic), new StoredOffsets.Store() {
            @Override
            public Map<TopicPartition, Long> load(List<TopicPartition> partitions) {
                return Map.copyOf(store);
            }

            @Override
            public void save(Map<TopicPartition, Long> nextOffsets) {
                store.putAll(nextOffsets);
            }
        }, Duration.ofMillis(100), () -> { });
    }

    private ConsumerLoop.Settings settings() {
        return ConsumerLoop.Settings.of(group, Duration.ofMillis(100)).withStallBackoff(Duration.ofMillis(200));
    }

    private BoundedRetry retry(int attempts) {
        return new BoundedRetry(attempts, Duration.ofMillis(20), Duration.ofMillis(400), deadLetters);
    }

    private ConsumerLoop groupLoop(ConsumerLoop.Settings settings, BoundedRetry retry,
            BoundedRetry.RecordHandler handler) {
        return new ConsumerLoop(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka()), settings,
                new GroupOffsets(group, List.of(topic)), retry, handler);
    }

    private void publish(String... values) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value, value)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka()));
    }

    private long committed() throws Exception {
        try (Admin admin = admin()) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS).get(new TopicPartition(topic, 0));
            return offset == null ? 0 : offset.offset();
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    /** Checks every 20 ms until the condition holds; fails after {@link #WAIT}. A check that throws counts as false. */
    private static void await(Condition condition, String what) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(20);
        }
    }

    private static String value(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}

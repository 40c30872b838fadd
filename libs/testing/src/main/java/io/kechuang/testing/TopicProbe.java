package io.kechuang.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Watches one Kafka topic from a background thread and collects its records (keys and values as UTF-8
 * strings), for assertions in tests. No consumer group: it assigns every partition itself.
 *
 * <pre>{@code
 * try (TopicProbe probe = TopicProbe.open(bootstrap, "achievement.events")) {
 *     // ... act ...
 *     var rec = probe.awaitRecord(r -> r.value().contains("\"AchievementPublished\""), Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * <p>By default only records written after {@link #open(String, String)} returned are seen (the end offsets
 * are fixed at open time). If the topic does not exist yet, the probe waits for it in the background and
 * then reads it from the beginning. Reads with {@code isolation.level=read_committed}.
 */
public final class TopicProbe implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final String topic;
    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> records = new ArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;
    private volatile Throwable failure;

    private TopicProbe(String topic, KafkaConsumer<String, String> consumer, boolean assigned) {
        this.topic = topic;
        this.consumer = consumer;
        this.poller = new Thread(() -> pollLoop(assigned), "topic-probe-" + topic);
        this.poller.setDaemon(true);
    }

    /** Sees only records written after this call returns. */
    public static TopicProbe open(String bootstrapServers, String topic) {
        return open(bootstrapServers, topic, false);
    }

    /** With {@code fromBeginning}, also sees every record already in the topic. */
    public static TopicProbe open(String bootstrapServers, String topic, boolean fromBeginning) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "topic-probe-" + topic + "-" + UUID.randomUUID().toString().substring(0, 8));
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "1000");
        KafkaConsumer<String, String> consumer = newConsumer(p);
        boolean assigned;
        try {
            List<TopicPartition> partitions = partitions(consumer, topic, Duration.ofSeconds(10));
            assigned = !partitions.isEmpty();
            if (assigned) {
                consumer.assign(partitions);
                if (fromBeginning) {
                    consumer.seekToBeginning(partitions);
                } else {
                    consumer.seekToEnd(partitions);
                }
                // Resolve the lazy seek now, so that "after open" means after this call returns.
                for (TopicPartition tp : partitions) {
                    consumer.position(tp, Duration.ofSeconds(30));
                }
            }
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
        TopicProbe probe = new TopicProbe(topic, consumer, assigned);
        probe.poller.start();
        return probe;
    }

    /** Kafka resolves the deserializers through the context class loader: use the one that sees these classes. */
    private static KafkaConsumer<String, String> newConsumer(Properties p) {
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(TopicProbe.class.getClassLoader());
        try {
            return new KafkaConsumer<>(p);
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic, Duration timeout) {
        Map<String, List<PartitionInfo>> all = consumer.listTopics(timeout);
        List<PartitionInfo> infos = all.get(topic);
        if (infos == null) {
            return List.of();
        }
        return infos.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
    }

    private void pollLoop(boolean assigned) {
        try {
            while (running && !assigned) {
                List<TopicPartition> partitions = partitions(consumer, topic, Duration.ofSeconds(5));
                if (!partitions.isEmpty()) {
                    consumer.assign(partitions);
                    consumer.seekToBeginning(partitions); // created after open: everything in it is new
                    assigned = true;
                } else {
                    Thread.sleep(200);
                }
            }
            while (running) {
                ConsumerRecords<String, String> batch = consumer.poll(POLL);
                if (!batch.isEmpty()) {
                    synchronized (records) {
                        batch.forEach(records::add);
                        records.notifyAll();
                    }
                }
            }
        } catch (WakeupException | InterruptedException stopping) {
            // close()
        } catch (Throwable t) {
            failure = t;
            synchronized (records) {
                records.notifyAll();
            }
        } finally {
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (RuntimeException ignored) {
                // closing anyway
            }
        }
    }

    /**
     * The first record (since open) matching {@code match}, waiting up to {@code timeout} for it.
     *
     * @throws AssertionError if none arrives in time, listing what was seen
     */
    public ConsumerRecord<String, String> awaitRecord(Predicate<ConsumerRecord<String, String>> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int checked = 0;
        synchronized (records) {
            while (true) {
                for (; checked < records.size(); checked++) {
                    ConsumerRecord<String, String> r = records.get(checked);
                    if (match.test(r)) {
                        return r;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || failure != null) {
                    throw new AssertionError("No matching record on topic '" + topic + "' within " + timeout
                            + (failure != null ? " (probe failed: " + failure + ")" : "") + "; saw " + describe(records));
                }
                try {
                    records.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for a record on " + topic, e);
                }
            }
        }
    }

    /** Any record with this key (since open). */
    public ConsumerRecord<String, String> awaitKey(String key, Duration timeout) {
        return awaitRecord(r -> key.equals(r.key()), timeout);
    }

    /**
     * Waits the whole {@code window} and fails if a record matching {@code match} is seen (records from
     * before this call, since open, count too).
     */
    public void assertNoRecord(Predicate<ConsumerRecord<String, String>> match, Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        int checked = 0;
        synchronized (records) {
            while (true) {
                for (; checked < records.size(); checked++) {
                    ConsumerRecord<String, String> r = records.get(checked);
                    if (match.test(r)) {
                        throw new AssertionError("Unexpected record on topic '" + topic + "': " + describe(List.of(r)));
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                if (failure != null) {
                    throw new AssertionError("probe on " + topic + " failed", failure);
                }
                try {
                    records.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /** A snapshot of every record seen so far, in arrival order. */
    public List<ConsumerRecord<String, String>> records() {
        synchronized (records) {
            return Collections.unmodifiableList(new ArrayList<>(records));
        }
    }

    /** Forgets the records seen so far (later awaits only look at newer ones). */
    public void clear() {
        synchronized (records) {
            records.clear();
        }
    }

    public String topic() {
        return topic;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(List<ConsumerRecord<String, String>> rs) {
        if (rs.isEmpty()) {
            return "no records";
        }
        int max = 20;
        String shown = rs.stream().limit(max)
                .map(r -> "\n  [p" + r.partition() + "@" + r.offset() + "] key=" + r.key() + " value=" + abbreviate(r.value()))
                .collect(Collectors.joining());
        return rs.size() + " record(s):" + shown + (rs.size() > max ? "\n  ..." : "");
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "null";
        }
        return s.length() <= 500 ? s : s.substring(0, 500) + "...";
    }
}

package io.kechuang.common.consumer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * Consumes one topic as a member of a consumer group, on a thread of its own, so replicas of a service share the
 * partitions.
 * <ul>
 * <li>Waits for the topic to exist (its producer creates it) without holding up the service's start-up.</li>
 * <li>Handles each record through {@link BoundedRetry}: a record that keeps failing goes to the dead-letter queue
 * and the partition moves on; while the infrastructure is down (the database cannot be reached) the record is retried
 * until it is back and the consumer does not move past it. If that outlasts {@code max.poll.interval.ms} (5 minutes
 * by default) the group gives the partitions to another member, or to this one again at its next poll; the commit of
 * what was handled meanwhile then fails (logged) and those records are handled once more, which idempotent handlers
 * allow.</li>
 * <li>Commits offsets only after the handler returned, that is once its side effects are durable. After a crash or a
 * rebalance the records since the last commit are handled again, so the handler must be idempotent.</li>
 * <li>If not even the dead letter can be written, the record is not passed: the consumer seeks back to it and tries
 * again after {@code stallBackoff}.</li>
 * </ul>
 * Plain Java, so it can run in any service and in tests.
 */
public final class TopicConsumer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TopicConsumer.class);

    /**
     * @param topic the topic to read
     * @param groupId the consumer group; a new group starts at the earliest retained record
     * @param clientId the Kafka client id, for the broker's logs and metrics
     * @param pollTimeout how long one poll waits for records
     * @param stallBackoff the pause before a record is tried again whose dead letter could not be written
     */
    public record Settings(String topic, String groupId, String clientId, Duration pollTimeout, Duration stallBackoff) {
    }

    private final Map<String, Object> kafkaConfig;
    private final Settings settings;
    private final BoundedRetry retry;
    private final BoundedRetry.RecordHandler handler;

    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;

    /** @param kafkaConfig client settings from configuration, e.g. {@code KafkaSettings.consumer()} */
    public TopicConsumer(Map<String, Object> kafkaConfig, Settings settings, BoundedRetry retry,
            BoundedRetry.RecordHandler handler) {
        this.kafkaConfig = new HashMap<>(kafkaConfig);
        this.settings = settings;
        this.retry = retry;
        this.handler = handler;
    }

    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("consumer-" + settings.groupId()).start(this::run);
    }

    /** Records handled so far, dead letters included. */
    public long processed() {
        return processed.get();
    }

    /** Records sent to the dead-letter queue so far. */
    public long deadLettered() {
        return deadLettered.get();
    }

    /**
     * A group member that commits by itself, reads only committed records, never creates the topic, and starts a new
     * group at the earliest retained record.
     */
    private Map<String, Object> memberConfig() {
        Map<String, Object> member = new HashMap<>(kafkaConfig);
        member.putAll(Map.of(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId(),
                ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100));
        return member;
    }

    private void run() {
        try (KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(memberConfig(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = kafka;
            if (!awaitTopic(kafka)) {
                return;
            }
            kafka.subscribe(List.of(settings.topic()));
            LOG.infof("Consuming %s in group %s", settings.topic(), settings.groupId());
            while (running) {
                ConsumerRecords<byte[], byte[]> records = kafka.poll(settings.pollTimeout());
                if (!records.isEmpty()) {
                    handle(kafka, records);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.errorf(e, "Consumer of %s woken unexpectedly", settings.topic());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.errorf(e, "Consumer of %s stopped on an error; it will not resume until the service restarts",
                    settings.topic());
        } finally {
            consumer = null;
            stopped.countDown();
        }
    }

    /** Waits until the topic's producer has created it; false if the consumer was closed meanwhile. */
    private boolean awaitTopic(KafkaConsumer<byte[], byte[]> kafka) throws InterruptedException {
        boolean logged = false;
        while (running) {
            try {
                List<PartitionInfo> partitions = kafka.partitionsFor(settings.topic(), Duration.ofSeconds(5));
                if (partitions != null && !partitions.isEmpty()) {
                    return true;
                }
            } catch (WakeupException e) {
                throw e;
            } catch (KafkaException e) {
                LOG.debugf("Cannot look up topic %s yet: %s", settings.topic(), e.toString());
            }
            if (!logged) {
                LOG.infof("Waiting for topic %s to be created by its producer", settings.topic());
                logged = true;
            }
            Thread.sleep(1000);
        }
        return false;
    }

    /**
     * Handles a batch partition by partition, in offset order, then commits what was handled. A record whose dead
     * letter could not be written stops the batch: its partition, and every partition not finished, seek back to
     * their first unhandled record.
     */
    private void handle(KafkaConsumer<byte[], byte[]> kafka, ConsumerRecords<byte[], byte[]> records)
            throws InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> handled = new HashMap<>();
        boolean stalled = false;
        try {
            for (TopicPartition tp : records.partitions()) {
                for (ConsumerRecord<byte[], byte[]> record : records.records(tp)) {
                    if (stalled || !running) {
                        kafka.seek(tp, record.offset());
                        break;
                    }
                    try {
                        if (retry.process(record, handler) == BoundedRetry.Outcome.DEAD_LETTERED) {
                            deadLettered.incrementAndGet();
                        }
                    } catch (BoundedRetry.Stopped e) {
                        LOG.infof("Stopped before %s-%d@%d was handled; it is handled again after the restart",
                                tp.topic(), tp.partition(), record.offset());
                        throw e;
                    } catch (InterruptedException e) {
                        throw e;
                    } catch (Exception e) {
                        LOG.errorf("Cannot handle nor dead-letter %s-%d@%d; trying again in %d ms: %s", tp.topic(),
                                tp.partition(), record.offset(), settings.stallBackoff().toMillis(), e.toString());
                        kafka.seek(tp, record.offset());
                        stalled = true;
                        break;
                    }
                    processed.incrementAndGet();
                    handled.put(tp, new OffsetAndMetadata(record.offset() + 1));
                }
            }
        } finally {
            commit(kafka, handled);
        }
        if (stalled) {
            Thread.sleep(settings.stallBackoff().toMillis());
        }
    }

    private void commit(KafkaConsumer<byte[], byte[]> kafka, Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        try {
            kafka.commitSync(offsets);
        } catch (WakeupException e) {
            // close() woke the consumer during the commit: commit anyway, then the loop stops.
            kafka.commitSync(offsets);
        } catch (CommitFailedException | RebalanceInProgressException e) {
            LOG.infof("Offsets of %s not committed (%s); the partition's next owner handles those records again",
                    settings.topic(), e.getClass().getSimpleName());
        }
    }

    /**
     * Stops consuming: the record in hand is finished unless it is waiting for a retry (which {@link BoundedRetry#stop}
     * ends at once, leaving the record to be handled again), what was handled is committed, and the consumer leaves its
     * group.
     */
    @Override
    public void close() throws InterruptedException {
        running = false;
        retry.stop();
        Optional.ofNullable(consumer).ifPresent(KafkaConsumer::wakeup);
        if (thread != null && !stopped.await(30, TimeUnit.SECONDS)) {
            LOG.warnf("Consumer of %s did not stop within 30 s", settings.topic());
        }
    }
}

package io.kechuang.matching.consumer;

import io.kechuang.common.consumer.BoundedRetry;
import io.kechuang.common.consumer.VersionCheck;
import io.kechuang.events.Revision;
import io.kechuang.matching.index.MatchIndex;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * Match computation for a scaled-out matching service (ARCHITECTURE.md, "Scale-out"). Every replica keeps a full
 * index fed by its own {@link IndexingConsumer}, which then only indexes; this consumer joins one consumer group
 * shared by all replicas, so each achievement and demand event is matched once, by the replica that owns its
 * partition, and adding replicas adds matching throughput.
 * <ul>
 * <li>A record is matched only after this replica's indexer has indexed it and refreshed the searcher, so the
 * item and everything before it on its partition are visible. While the indexer is behind (a new replica
 * rebuilding its index), the partition is re-read later instead of blocking the group.</li>
 * <li>A record whose item the index already holds at a newer revision (epoch, then version) is skipped: the newer
 * record is on the same partition and will be matched in its turn. A resync's {@code removed} event finds the
 * removal marker the indexer left at its revision, and the listener expires the item's suggestions.</li>
 * <li>Offsets are committed to the group after the batch's suggestions are durable, and when partitions move to
 * another replica. Matching is idempotent (an existing pair is rescored in place), so a record matched twice after
 * a crash changes nothing.</li>
 * <li>Failures are retried a bounded number of times, then dead-lettered.</li>
 * </ul>
 */
public final class MatchGroupConsumer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MatchGroupConsumer.class);

    /** Settings of one group member. */
    public record Settings(String achievementsTopic, String demandsTopic, String groupId, Duration pollTimeout,
            Duration indexWait, String clientId) {
    }

    private final Map<String, Object> kafkaConfig;
    private final MatchIndex index;
    private final IndexingConsumer indexer;
    private final ItemListener listener;
    private final BoundedRetry retry;
    private final Settings settings;

    private final Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    private final AtomicLong matched = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running;
    private volatile boolean joined;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;

    public MatchGroupConsumer(Map<String, Object> kafkaConfig, MatchIndex index, IndexingConsumer indexer,
            ItemListener listener, BoundedRetry retry, Settings settings) {
        this.kafkaConfig = new HashMap<>(kafkaConfig);
        this.index = index;
        this.indexer = indexer;
        this.listener = listener;
        this.retry = retry;
        this.settings = settings;
    }

    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("matching-group").start(this::run);
    }

    public boolean alive() {
        return thread != null && thread.isAlive();
    }

    /** Whether the group has given this member its partitions at least once. */
    public boolean joined() {
        return joined;
    }

    /** Events handed to the listener by this member: items matched, and removals. */
    public long matched() {
        return matched.get();
    }

    public long deadLettered() {
        return deadLettered.get();
    }

    private void run() {
        Map<String, Object> props = new HashMap<>(kafkaConfig);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // A group that has never committed starts at the beginning: matching is idempotent, so nothing is missed.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        try (KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = kafka;
            kafka.subscribe(List.of(settings.achievementsTopic(), settings.demandsTopic()), new Rebalance(kafka));
            while (running) {
                ConsumerRecords<byte[], byte[]> records = kafka.poll(settings.pollTimeout());
                Set<TopicPartition> behind = new HashSet<>();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (behind.contains(tp)) {
                        continue;
                    }
                    if (!indexer.awaitIndexed(record.topic(), record.partition(), record.offset(),
                            settings.indexWait())) {
                        // The local index has not reached this record yet: read it again on a later poll.
                        behind.add(tp);
                        kafka.seek(tp, record.offset());
                        continue;
                    }
                    if (retry.process(record, this::handle) == BoundedRetry.Outcome.DEAD_LETTERED) {
                        deadLettered.incrementAndGet();
                    }
                    done.put(tp, new OffsetAndMetadata(record.offset() + 1));
                }
                commit(kafka);
                if (!behind.isEmpty() && !indexer.alive()) {
                    Thread.sleep(settings.indexWait().toMillis()); // no indexer to wait for: do not spin
                }
            }
            commit(kafka);
        } catch (WakeupException e) {
            if (running) {
                LOG.error("Matching group consumer woken unexpectedly", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.error("Matching group consumer stopped on an error; it will not resume until restarted", e);
        } finally {
            consumer = null;
            stopped.countDown();
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) throws Exception {
        ItemEvent event = ItemRecords.decode(record, settings.achievementsTopic()).orElse(null);
        if (event == null) {
            return;
        }
        Optional<Revision> indexed = index.indexedRevision(event.id().toString());
        if (VersionCheck.isNewer(event.revision(), indexed)) {
            // The indexer dead-lettered this record: the index cannot show what the item would match.
            LOG.warnf("Not matching %s %s: the index holds %s", event.id(), event.revision(),
                    indexed.map(Revision::toString).orElse("nothing"));
            return;
        }
        if (indexed.get().isNewerThan(event.revision())) {
            return; // a newer event of the item follows on this partition
        }
        // The index holds exactly this event: the item, or (a removal) the marker left in its place.
        event.notify(listener);
        matched.incrementAndGet();
    }

    private void commit(KafkaConsumer<byte[], byte[]> kafka) {
        if (!done.isEmpty()) {
            kafka.commitSync(new HashMap<>(done));
            done.clear();
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        private final KafkaConsumer<byte[], byte[]> kafka;

        Rebalance(KafkaConsumer<byte[], byte[]> kafka) {
            this.kafka = kafka;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commit(kafka);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            joined = true;
            LOG.infof("Matching group %s: this replica matches %s", settings.groupId(), partitions);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            stopped.await(30, TimeUnit.SECONDS);
        }
    }
}

package io.kechuang.matching.consumer;

import io.kechuang.common.consumer.BoundedRetry;
import io.kechuang.common.consumer.VersionCheck;
import io.kechuang.matching.index.MatchIndex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * Feeds the matching index from the compacted achievement and demand topics.
 * <ul>
 * <li>Reads every partition of both topics itself (no consumer group), starting from the offsets in the index's
 * last commit, or from the beginning when the index was just created (a rebuild).</li>
 * <li>For each record: decode, skip unless its revision (the producer's epoch, then {@code aggregateVersion}) is
 * newer than the one indexed for its id, upsert, refresh the searcher, then hand the item to the
 * {@link ItemListener} (which matches it). A resync's later epoch therefore replaces what the index holds even at
 * a lower version, and older epochs are skipped. A resync's {@code removed} event (no data) leaves a removal marker
 * with its revision in the item's place (see {@link MatchIndex#remove}) and tells the listener, which expires the
 * item's suggestions; the marker keeps older events, replayed or late, from bringing the item back. Records that were
 * already on the topics when a rebuild started are only indexed: their suggestions already live in PostgreSQL.
 * Without a listener (scale-out: a {@link MatchGroupConsumer} matches) it only indexes, and
 * {@link #awaitIndexed} tells how far it got.</li>
 * <li>Failures are retried a bounded number of times, then dead-lettered; the partition moves on.</li>
 * <li>The index is committed with the next offsets to read after every {@code commitInterval}, once the
 * listener's side effects are durable, and on close.</li>
 * <li>When a rebuild has caught up, the index is merged into one segment in the background
 * ({@link MatchIndex#compact()}): a bulk rebuild leaves many segments, and every match run pays for each.</li>
 * </ul>
 * Plain Java, so tests can run it against their own topics and index.
 */
public final class IndexingConsumer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(IndexingConsumer.class);

    /** Settings of one consumer. */
    public record Settings(String achievementsTopic, String demandsTopic, Duration pollTimeout, Duration commitInterval,
            String clientId) {
    }

    private final Map<String, Object> kafkaConfig;
    private final MatchIndex index;
    private final ItemListener listener;
    private final BoundedRetry retry;
    private final Settings settings;

    private final Map<TopicPartition, Long> nextOffsets = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> rebuildEnd = new HashMap<>();
    private final Map<TopicPartition, Long> endOffsets = new ConcurrentHashMap<>();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Notified whenever records have been indexed, for {@link #awaitIndexed}. */
    private final Object progress = new Object();
    private volatile boolean running;
    private volatile boolean assigned;
    private volatile boolean rebuilding;
    /** The merge started when a rebuild caught up; {@code null} before that, or when there was no rebuild. */
    private volatile CompletableFuture<Integer> rebuildCompaction;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;
    /** {@code id@revision} of an event indexed whose listener call has not succeeded yet. */
    private String unmatched;

    /** @param listener matches each new item; {@code null} to only index */
    public IndexingConsumer(Map<String, Object> kafkaConfig, MatchIndex index, ItemListener listener,
            BoundedRetry retry, Settings settings) {
        this.kafkaConfig = new HashMap<>(kafkaConfig);
        this.index = index;
        this.listener = listener;
        this.retry = retry;
        this.settings = settings;
    }

    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("matching-indexer").start(this::run);
    }

    /** Whether all partitions are assigned and positioned. */
    public boolean assigned() {
        return assigned;
    }

    /** Whether records that predate the start of a rebuild are still being re-indexed. */
    public boolean rebuilding() {
        return rebuilding;
    }

    /**
     * The merge into one segment started once a rebuild caught up, completing with the segment count; {@code null}
     * while the rebuild goes on, and always when the index was reused rather than rebuilt.
     */
    public CompletableFuture<Integer> rebuildCompaction() {
        return rebuildCompaction;
    }

    public boolean alive() {
        return thread != null && thread.isAlive();
    }

    /** Records not yet processed, summed over partitions (as of the last end-offset check). */
    public long lag() {
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> e : endOffsets.entrySet()) {
            lag += Math.max(0, e.getValue() - nextOffsets.getOrDefault(e.getKey(), 0L));
        }
        return lag;
    }

    /**
     * Waits until the record at {@code offset} of the partition has been indexed and the searcher refreshed.
     *
     * @return false if that did not happen within the timeout
     */
    public boolean awaitIndexed(String topic, int partition, long offset, Duration timeout) throws InterruptedException {
        TopicPartition tp = new TopicPartition(topic, partition);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (nextOffsets.getOrDefault(tp, 0L) <= offset) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !running) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
        }
        return true;
    }

    public long processed() {
        return processed.get();
    }

    public long deadLettered() {
        return deadLettered.get();
    }

    private void run() {
        Map<String, Object> props = new HashMap<>(kafkaConfig);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
        // Matching latency matters more than fetch efficiency: do not let the broker sit on a fetch.
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = kafka;
            if (!assign(kafka)) {
                return;
            }
            long lastCommit = System.nanoTime();
            long lastEndCheck = 0;
            boolean dirty = false;
            while (running) {
                ConsumerRecords<byte[], byte[]> records = kafka.poll(settings.pollTimeout());
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (retry.process(record, this::handle) == BoundedRetry.Outcome.DEAD_LETTERED) {
                        deadLettered.incrementAndGet();
                    }
                    nextOffsets.put(tp, record.offset() + 1);
                    processed.incrementAndGet();
                    dirty = true;
                }
                if (!records.isEmpty()) {
                    synchronized (progress) {
                        progress.notifyAll();
                    }
                }
                if (rebuilding && rebuildEnd.entrySet().stream()
                        .allMatch(e -> nextOffsets.getOrDefault(e.getKey(), 0L) >= e.getValue())) {
                    LOG.infof("Index rebuilt from the topics: %d documents; merging it into one segment", index.numDocs());
                    long compactionStart = System.nanoTime();
                    rebuildCompaction = index.compact();
                    rebuilding = false; // after the merge is set, so whoever sees the rebuild end also sees it
                    rebuildCompaction.whenComplete((segments, error) -> {
                        if (error != null) {
                            LOG.warnf("Index not merged after the rebuild (%s); Lucene's merges go on as usual", error.toString());
                        } else {
                            LOG.infof("Index merged after the rebuild in %d ms: %d segment(s)",
                                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - compactionStart), segments);
                        }
                    });
                }
                long now = System.nanoTime();
                if (dirty && now - lastCommit >= settings.commitInterval().toNanos()) {
                    commit();
                    dirty = false;
                    lastCommit = now;
                }
                if (now - lastEndCheck >= TimeUnit.SECONDS.toNanos(2)) {
                    endOffsets.putAll(kafka.endOffsets(nextOffsets.keySet()));
                    lastEndCheck = now;
                }
            }
            if (dirty) {
                commit();
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("Matching indexer woken unexpectedly", e);
            }
            commitQuietly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            commitQuietly();
        } catch (Exception e) {
            LOG.error("Matching indexer stopped on an error; it will not resume until restarted", e);
        } finally {
            consumer = null;
            stopped.countDown();
        }
    }

    /** Assigns every partition of both topics, waiting for the producers to create them. */
    private boolean assign(KafkaConsumer<byte[], byte[]> kafka) throws InterruptedException {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(settings.achievementsTopic(), settings.demandsTopic())) {
            List<PartitionInfo> infos = List.of();
            while (running) {
                infos = kafka.partitionsFor(topic, Duration.ofSeconds(10));
                if (infos != null && !infos.isEmpty()) {
                    break;
                }
                LOG.infof("Waiting for topic %s to be created by its producer", topic);
                Thread.sleep(1000);
            }
            if (!running) {
                return false;
            }
            infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        kafka.assign(partitions);
        Map<String, Long> committed = index.committedOffsets();
        if (index.created()) {
            kafka.seekToBeginning(partitions);
            rebuildEnd.putAll(kafka.endOffsets(partitions));
            rebuilding = rebuildEnd.values().stream().anyMatch(v -> v > 0);
            LOG.infof("Index is new: rebuilding from the beginning of %s and %s", settings.achievementsTopic(),
                    settings.demandsTopic());
        } else {
            for (TopicPartition tp : partitions) {
                Long offset = committed.get(key(tp));
                if (offset == null) {
                    kafka.seekToBeginning(List.of(tp));
                } else {
                    kafka.seek(tp, offset);
                }
            }
        }
        for (TopicPartition tp : partitions) {
            nextOffsets.put(tp, kafka.position(tp));
        }
        endOffsets.putAll(kafka.endOffsets(partitions));
        assigned = true;
        return true;
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) throws Exception {
        ItemEvent event = ItemRecords.decode(record, settings.achievementsTopic()).orElse(null);
        if (event == null) {
            return; // a Kafka tombstone: nothing to index
        }
        String marker = event.marker();
        boolean newer = VersionCheck.isNewer(event.revision(), index.indexedRevision(event.id().toString()));
        boolean retryingListener = marker.equals(unmatched);
        if (!newer && !retryingListener) {
            return;
        }
        if (newer) {
            event.applyTo(index);
            index.refresh();
        }
        boolean replay = rebuilding && record.offset() < rebuildEnd.getOrDefault(
                new TopicPartition(record.topic(), record.partition()), 0L);
        if (!replay && listener != null) {
            // If the listener fails, the retry finds the event already indexed; the marker lets it match anyway.
            unmatched = marker;
            event.notify(listener);
            unmatched = null;
        }
    }

    private void commit() throws Exception {
        Map<String, Long> offsets = new HashMap<>();
        nextOffsets.forEach((tp, offset) -> offsets.put(key(tp), offset));
        index.commit(offsets);
    }

    private void commitQuietly() {
        try {
            commit();
        } catch (Exception e) {
            LOG.warn("Could not commit the index while stopping", e);
        }
    }

    static String key(TopicPartition tp) {
        return tp.topic() + ":" + tp.partition();
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

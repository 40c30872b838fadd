package io.kechuang.matching.consumer;

import io.kechuang.common.consumer.BoundedRetry;
import io.kechuang.common.consumer.ConsumerLoop;
import io.kechuang.common.consumer.StoredOffsets;
import io.kechuang.common.consumer.VersionCheck;
import io.kechuang.matching.index.MatchIndex;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Feeds the matching index from the compacted achievement and demand topics.
 * <ul>
 * <li>A {@link ConsumerLoop} with {@link StoredOffsets}: it reads every partition of both topics itself (no
 * consumer group), starting from the offsets in the index's last commit, or from the beginning when the index was
 * just created (a rebuild).</li>
 * <li>For each record: decode, skip unless its revision (the producer's epoch, then {@code aggregateVersion}) is
 * newer than the one indexed for its id, upsert, refresh the searcher, then hand the item to the
 * {@link ItemListener} (which matches it). A resync's later epoch therefore replaces what the index holds even at
 * a lower version, and older epochs are skipped. A resync's {@code removed} event (no data) leaves a removal marker
 * with its revision in the item's place (see {@link MatchIndex#remove}) and tells the listener, which expires the
 * item's suggestions; the marker keeps older events, replayed or late, from bringing the item back. Records that were
 * already on the topics when a rebuild started are only indexed: their suggestions already live in PostgreSQL.
 * Without a listener (scale-out: a {@link MatchGroupConsumer} matches) it only indexes, and
 * {@link #awaitIndexed} tells how far it got.</li>
 * <li>Failures are retried a bounded number of times, then dead-lettered; the partition moves on. Outages and
 * failed sessions are the loop's: it waits them out, and restarts a failed session from the offsets handled.</li>
 * <li>The index is committed with the next offsets to read after every {@code commitInterval}, once the
 * listener's side effects are durable, and when a session ends.</li>
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

    private final MatchIndex index;
    private final ItemListener listener;
    private final Settings settings;
    private final StoredOffsets offsets;
    private final ConsumerLoop loop;

    /** Notified after every batch, for {@link #awaitIndexed}. */
    private final Object progress = new Object();
    private volatile boolean closed;
    private volatile boolean rebuilding;
    /** The merge started when a rebuild caught up; {@code null} before that, or when there was no rebuild. */
    private volatile CompletableFuture<Integer> rebuildCompaction;
    /** {@code id@revision} of an event indexed whose listener call has not succeeded yet. */
    private String unmatched;

    /** @param listener matches each new item; {@code null} to only index */
    public IndexingConsumer(Map<String, Object> kafkaConfig, MatchIndex index, ItemListener listener,
            BoundedRetry retry, Settings settings) {
        this.index = index;
        this.listener = listener;
        this.settings = settings;
        this.rebuilding = index.created();
        this.offsets = new StoredOffsets(List.of(settings.achievementsTopic(), settings.demandsTopic()),
                new IndexOffsets(), settings.commitInterval(), this::afterBatch);
        // Matching latency matters more than fetch efficiency: do not let the broker sit on a fetch.
        this.loop = new ConsumerLoop(kafkaConfig, ConsumerLoop.Settings.of(settings.clientId(), settings.pollTimeout())
                .withMaxPollRecords(200).withFetchMaxWait(Duration.ofMillis(50)), offsets, retry, this::handle);
    }

    public void start() {
        loop.start();
    }

    /** The loop underneath, for the liveness check. */
    public ConsumerLoop loop() {
        return loop;
    }

    /** Whether all partitions are assigned and positioned. */
    public boolean assigned() {
        return offsets.assigned();
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

    /** Whether the loop runs a session (not closed, not waiting to restart after a failure). */
    public boolean alive() {
        return loop.alive();
    }

    /** Records not yet processed, summed over partitions (as of the last end-offset check). */
    public long lag() {
        return offsets.lag();
    }

    /**
     * Waits until the record at {@code offset} of the partition has been indexed and the searcher refreshed. Waits
     * the whole timeout while the consumer has not started or is restarting; returns at once once it is closed.
     *
     * @return false if that did not happen within the timeout
     */
    public boolean awaitIndexed(String topic, int partition, long offset, Duration timeout) throws InterruptedException {
        TopicPartition tp = new TopicPartition(topic, partition);
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (offsets.next(tp) <= offset) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
        }
        return true;
    }

    public long processed() {
        return loop.processed();
    }

    public long deadLettered() {
        return loop.deadLettered();
    }

    /** Sessions restarted after a failure. */
    public long restarts() {
        return loop.restarts();
    }

    /** Reads of the end offsets (for the lag) that timed out while Kafka was unavailable, and were skipped. */
    public long endOffsetFailures() {
        return offsets.endOffsetFailures();
    }

    /** After each poll: wakes {@link #awaitIndexed}, and once a rebuild has caught up, merges the index. */
    private void afterBatch() {
        synchronized (progress) {
            progress.notifyAll();
        }
        if (!rebuilding || !offsets.assigned()) {
            return;
        }
        if (!offsets.hadRecordsAtStart()) {
            rebuilding = false; // nothing to rebuild from
            return;
        }
        if (offsets.reachedStartEnd()) {
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
    }

    /**
     * An admin's replay of a dead letter (see {@code io.kechuang.matching.deadletter}): the record, at its original
     * place, through {@link #handle}, serialised with the loop. When the index already holds exactly this event, its
     * matching may be what failed, so the listener runs again (matching is an upsert).
     */
    public synchronized void replay(ConsumerRecord<byte[], byte[]> record) throws Exception {
        ItemEvent event = ItemRecords.decode(record, settings.achievementsTopic()).orElse(null);
        if (event != null && index.indexedRevision(event.id().toString()).filter(event.revision()::equals).isPresent()) {
            unmatched = event.marker();
        }
        handle(record);
    }

    private synchronized void handle(ConsumerRecord<byte[], byte[]> record) throws Exception {
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
        boolean replay = rebuilding && record.offset() < offsets.startEnd(
                new TopicPartition(record.topic(), record.partition()));
        if (!replay && listener != null) {
            // If the listener fails, the retry finds the event already indexed; the marker lets it match anyway.
            unmatched = marker;
            event.notify(listener);
            unmatched = null;
        }
    }

    static String key(TopicPartition tp) {
        return tp.topic() + ":" + tp.partition();
    }

    /** The offsets in the index's commit, durable with the documents. */
    private final class IndexOffsets implements StoredOffsets.Store {
        @Override
        public Map<TopicPartition, Long> load(List<TopicPartition> partitions) {
            if (index.created()) {
                LOG.infof("Index is new: rebuilding from the beginning of %s and %s", settings.achievementsTopic(),
                        settings.demandsTopic());
            }
            Map<String, Long> committed = index.committedOffsets();
            Map<TopicPartition, Long> stored = new HashMap<>();
            for (TopicPartition tp : partitions) {
                Long offset = committed.get(key(tp));
                if (offset != null) {
                    stored.put(tp, offset);
                }
            }
            return stored;
        }

        @Override
        public void save(Map<TopicPartition, Long> nextOffsets) throws Exception {
            Map<String, Long> committed = new HashMap<>();
            nextOffsets.forEach((tp, offset) -> committed.put(key(tp), offset));
            index.commit(committed);
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        loop.close();
        synchronized (progress) {
            progress.notifyAll();
        }
    }
}

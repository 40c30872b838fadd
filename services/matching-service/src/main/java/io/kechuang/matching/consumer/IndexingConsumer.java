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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Feeds the matching index from the compacted achievement and demand topics.
 * <ul>
 * <li>One lane per topic, each a {@link ConsumerLoop} of its own with {@link StoredOffsets}: it reads every partition
 * of its topic itself (no consumer group), starting from the offsets in the index's last commit, or from the
 * beginning when the index was just created (a rebuild). The lanes run side by side on one index, so a backlog on one
 * topic (a bulk import's thousands of achievements, each embedded and matched) never holds back the other's events:
 * a demand opened meanwhile is matched at once against what the index holds. Order is kept per partition, hence per
 * item. The embedding and indexing of the two lanes run in parallel; their listener calls (the matches and their
 * suggestion rows) take turns, as they did in one loop.</li>
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
 * failed sessions are each lane's loop's: it waits them out, and restarts a failed session from the offsets
 * handled.</li>
 * <li>The index is committed with the next offsets to read of both topics after every {@code commitInterval} of
 * either lane, and when a lane's session ends. A commit waits until neither lane is between indexing an event and
 * its listener's success (see {@link CommitGate}): a commit never holds an item indexed but not matched, which a
 * restart would skip as already indexed. A lane's own commit at the end of a failed session is the exception, as it
 * was with one loop.</li>
 * <li>When a rebuild has caught up on both topics, the index is merged into one segment in the background
 * ({@link MatchIndex#compact()}): a bulk rebuild leaves many segments, and every match run pays for each.</li>
 * </ul>
 * Plain Java, so tests can run it against their own topics and index.
 */
public final class IndexingConsumer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(IndexingConsumer.class);

    /** How long a commit waits for the other lane to finish the event in hand before it leaves the commit to later. */
    private static final Duration COMMIT_WAIT = Duration.ofSeconds(5);
    /** How long a lane waits at most for the other lane's event in hand, when that lane has fewer records pending. */
    private static final Duration MAX_YIELD = Duration.ofSeconds(2);

    /** Settings of one consumer. */
    public record Settings(String achievementsTopic, String demandsTopic, Duration pollTimeout, Duration commitInterval,
            String clientId) {
    }

    private final MatchIndex index;
    private final ItemListener listener;
    private final Settings settings;
    private final List<Lane> lanes;
    private final CommitGate gate = new CommitGate();
    /** Held by a lane while its listener matches an item; fair, so the lane with few records gets its turn. */
    private final ReentrantLock matching = new ReentrantLock(true);
    /**
     * The next offset to read of every partition of both topics, as last saved by its lane (and, before that, as in
     * the index's last commit): what every commit of the index carries.
     */
    private final Map<String, Long> savedOffsets = new ConcurrentHashMap<>();

    /** Notified after every batch of either lane, for {@link #awaitIndexed}. */
    private final Object progress = new Object();
    private volatile boolean closed;
    /** The merge started when a rebuild caught up; {@code null} before that, or when there was no rebuild. */
    private volatile CompletableFuture<Integer> rebuildCompaction;

    /** @param listener matches each new item; {@code null} to only index */
    public IndexingConsumer(Map<String, Object> kafkaConfig, MatchIndex index, ItemListener listener,
            BoundedRetry retry, Settings settings) {
        this.index = index;
        this.listener = listener;
        this.settings = settings;
        this.savedOffsets.putAll(index.committedOffsets());
        this.lanes = List.of(new Lane(settings.achievementsTopic(), settings.clientId() + "-achievements", kafkaConfig,
                retry), new Lane(settings.demandsTopic(), settings.clientId() + "-demands", kafkaConfig, retry));
        if (index.created()) {
            LOG.infof("Index is new: rebuilding from the beginning of %s and %s", settings.achievementsTopic(),
                    settings.demandsTopic());
        }
    }

    public void start() {
        lanes.forEach(lane -> lane.loop.start());
    }

    /** The loops underneath, one per topic, for the liveness check. */
    public List<ConsumerLoop> loops() {
        return lanes.stream().map(lane -> lane.loop).toList();
    }

    /** Whether all partitions of both topics are assigned and positioned. */
    public boolean assigned() {
        return lanes.stream().allMatch(lane -> lane.offsets.assigned());
    }

    /** Whether records that predate the start of a rebuild are still being re-indexed, on either topic. */
    public boolean rebuilding() {
        return lanes.stream().anyMatch(lane -> lane.rebuilding);
    }

    /**
     * The merge into one segment started once a rebuild caught up, completing with the segment count; {@code null}
     * while the rebuild goes on, and always when the index was reused rather than rebuilt.
     */
    public CompletableFuture<Integer> rebuildCompaction() {
        return rebuildCompaction;
    }

    /** Whether both loops run a session (not closed, not waiting to restart after a failure). */
    public boolean alive() {
        return lanes.stream().allMatch(lane -> lane.loop.alive());
    }

    /** Records not yet processed, summed over the partitions of both topics (as of the last end-offset check). */
    public long lag() {
        return sum(lane -> lane.offsets.lag());
    }

    /**
     * Waits until the record at {@code offset} of the partition has been indexed and the searcher refreshed. Waits
     * the whole timeout while the consumer has not started or is restarting; returns at once once it is closed.
     *
     * @return false if that did not happen within the timeout
     */
    public boolean awaitIndexed(String topic, int partition, long offset, Duration timeout) throws InterruptedException {
        StoredOffsets offsets = laneOf(topic).offsets;
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
        return sum(lane -> lane.loop.processed());
    }

    public long deadLettered() {
        return sum(lane -> lane.loop.deadLettered());
    }

    /** Sessions restarted after a failure, both loops. */
    public long restarts() {
        return sum(lane -> lane.loop.restarts());
    }

    /** Reads of the end offsets (for the lag) that timed out while Kafka was unavailable, and were skipped. */
    public long endOffsetFailures() {
        return sum(lane -> lane.offsets.endOffsetFailures());
    }

    private long sum(ToLongFunction<Lane> count) {
        return lanes.stream().mapToLong(count).sum();
    }

    private Lane laneOf(String topic) {
        for (Lane lane : lanes) {
            if (lane.topic.equals(topic)) {
                return lane;
            }
        }
        throw new IllegalArgumentException("not a topic of this consumer: " + topic);
    }

    /** A lane has caught up with its rebuild; the last one to do so merges the index. */
    private synchronized void caughtUp(Lane lane) {
        boolean last = lanes.stream().allMatch(other -> other == lane || !other.rebuilding);
        if (last && lanes.stream().anyMatch(other -> other.offsets.hadRecordsAtStart())) {
            LOG.infof("Index rebuilt from the topics: %d documents; merging it into one segment", index.numDocs());
            long compactionStart = System.nanoTime();
            rebuildCompaction = index.compact();
            rebuildCompaction.whenComplete((segments, error) -> {
                if (error != null) {
                    LOG.warnf("Index not merged after the rebuild (%s); Lucene's merges go on as usual", error.toString());
                } else {
                    LOG.infof("Index merged after the rebuild in %d ms: %d segment(s)",
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - compactionStart), segments);
                }
            });
        }
        lane.rebuilding = false; // after the merge is set, so whoever sees the rebuild end also sees it
    }

    /**
     * An admin's replay of a dead letter (see {@code io.kechuang.matching.deadletter}): the record, at its original
     * place, through the handler of its topic's lane.
     */
    public void replay(ConsumerRecord<byte[], byte[]> record) throws Exception {
        Lane lane = lanes.stream().filter(l -> l.topic.equals(record.topic())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a topic of the indexer: " + record.topic()));
        lane.replay(record);
    }

    static String key(TopicPartition tp) {
        return tp.topic() + ":" + tp.partition();
    }

    /** One topic's loop, with its offsets and its place in the records. */
    private final class Lane {
        final String topic;
        final StoredOffsets offsets;
        final ConsumerLoop loop;
        volatile boolean rebuilding;
        /** Whether this lane has an event indexed whose listener has not succeeded yet (see {@link CommitGate}). */
        volatile boolean inHand;
        /** {@code id@revision} of an event indexed whose listener call has not succeeded yet (under the lane's lock). */
        String unmatched;

        Lane(String topic, String clientId, Map<String, Object> kafkaConfig, BoundedRetry retry) {
            this.topic = topic;
            this.rebuilding = index.created();
            this.offsets = new StoredOffsets(List.of(topic), new IndexOffsets(this), settings.commitInterval(),
                    this::afterBatch);
            // Matching latency matters more than fetch efficiency: do not let the broker sit on a fetch.
            this.loop = new ConsumerLoop(kafkaConfig, ConsumerLoop.Settings.of(clientId, settings.pollTimeout())
                    .withMaxPollRecords(200).withFetchMaxWait(Duration.ofMillis(50)), offsets, retry, this::handle);
        }

        /** After each poll: wakes {@link #awaitIndexed}, and notes when this lane's part of a rebuild has caught up. */
        private void afterBatch() {
            synchronized (progress) {
                progress.notifyAll();
            }
            if (!rebuilding || !offsets.assigned()) {
                return;
            }
            if (!offsets.hadRecordsAtStart() || offsets.reachedStartEnd()) {
                caughtUp(this);
            }
        }

        /**
         * An admin's replay of a dead letter of this lane's topic, through {@link #handle}, serialised with the loop.
         * When the index already holds exactly this event, its matching may be what failed, so the listener runs again
         * (matching is an upsert).
         */
        synchronized void replay(ConsumerRecord<byte[], byte[]> record) throws Exception {
            ItemEvent event = ItemRecords.decode(record, settings.achievementsTopic()).orElse(null);
            if (event != null
                    && index.indexedRevision(event.id().toString()).filter(event.revision()::equals).isPresent()) {
                unmatched = event.marker();
            }
            handle(record);
        }

        private synchronized void handle(ConsumerRecord<byte[], byte[]> record) throws Exception {
            ItemEvent event = ItemRecords.decode(record, settings.achievementsTopic()).orElse(null);
            String marker = event == null ? null : event.marker();
            boolean retryingListener = marker != null && marker.equals(unmatched);
            if (!retryingListener) {
                gate.leave(this); // an event whose listener kept failing was dead-lettered: it holds commits no more
                unmatched = null;
            }
            if (event == null) {
                return; // a Kafka tombstone: nothing to index
            }
            boolean newer = VersionCheck.isNewer(event.revision(), index.indexedRevision(event.id().toString()));
            if (!newer && !retryingListener) {
                return;
            }
            gate.enter(this);
            if (newer) {
                event.applyTo(index);
                index.refresh();
            }
            boolean replay = rebuilding && record.offset() < offsets.startEnd(
                    new TopicPartition(record.topic(), record.partition()));
            if (!replay && listener != null) {
                // If the listener fails, the retry finds the event already indexed; the marker lets it match anyway.
                unmatched = marker;
                // One listener call at a time, as with one loop: two concurrent matches could both insert the same
                // new pair (an achievement matching a demand while the demand matches it).
                matching.lock();
                try {
                    event.notify(listener);
                } finally {
                    matching.unlock();
                }
                unmatched = null;
            }
            gate.leave(this);
        }
    }

    /**
     * Keeps commits of the index away from the moment a lane has indexed an event and not yet matched it: a commit then
     * would make the item durable with offsets before its event, and after a crash the event, read again, would be
     * skipped as already indexed and never matched. A lane {@link #enter enters} before it indexes and
     * {@link #leave leaves} once the listener succeeded (or the event was given up on); a commit runs only while no
     * lane is inside, and no lane enters while it runs.
     * <p>
     * The lane with fewer records pending (a demand opened during a bulk import of achievements) has priority: it
     * never waits for the other lane's event in hand, neither to commit (it leaves its offsets to the other lane's
     * next commit) nor to enter while the other lane's commit waits; and the other lane lets its event in hand finish
     * before it starts its next one ({@link #MAX_YIELD} at most), so that on two cores the demand's embedding and
     * match have the CPU to themselves.
     */
    private final class CommitGate {
        private int commitsWaiting;
        private boolean committing;

        synchronized void enter(Lane lane) throws InterruptedException {
            if (lane.inHand) {
                return; // the listener's retry of the event in hand
            }
            long yieldUntil = System.nanoTime() + MAX_YIELD.toNanos();
            while (true) {
                if (committing || commitsWaiting > 0 && !ahead(lane)) {
                    wait();
                } else if (behindOneInHand(lane) && System.nanoTime() < yieldUntil) {
                    TimeUnit.NANOSECONDS.timedWait(this, yieldUntil - System.nanoTime());
                } else {
                    break;
                }
            }
            lane.inHand = true;
        }

        synchronized void leave(Lane lane) {
            if (lane.inHand) {
                lane.inHand = false;
                notifyAll();
            }
        }

        /**
         * Commits the index with the saved offsets of both lanes once no lane has an event in hand.
         *
         * @param own the committing lane: its own event in hand, if any, does not hold the commit back
         * @return false if the commit was left to another lane: one with more records pending has an event in hand
         *         (it commits after it), or another lane kept an event in hand for longer than {@link #COMMIT_WAIT}
         */
        boolean commit(Lane own) throws Exception {
            synchronized (this) {
                own.inHand = false;
                long deadline = System.nanoTime() + COMMIT_WAIT.toNanos();
                commitsWaiting++;
                try {
                    while (committing || anyInHand()) {
                        long left = deadline - System.nanoTime();
                        if (left <= 0 || !committing && ahead(own)) {
                            return false;
                        }
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    }
                } finally {
                    commitsWaiting--;
                    notifyAll();
                }
                committing = true;
            }
            try {
                index.commit(Map.copyOf(savedOffsets));
                return true;
            } finally {
                synchronized (this) {
                    committing = false;
                    notifyAll();
                }
            }
        }

        private boolean anyInHand() {
            return lanes.stream().anyMatch(lane -> lane.inHand);
        }

        /** Whether {@code lane} has fewer records pending than another lane. */
        private boolean ahead(Lane lane) {
            return lanes.stream().anyMatch(other -> other != lane && lane.offsets.lag() < other.offsets.lag());
        }

        /** Whether another lane with fewer records pending than {@code lane} has an event in hand. */
        private boolean behindOneInHand(Lane lane) {
            return lanes.stream().anyMatch(other -> other != lane && other.inHand
                    && other.offsets.lag() < lane.offsets.lag());
        }
    }

    /** The offsets in the index's commit, durable with the documents; each lane saves its own topic's. */
    private final class IndexOffsets implements StoredOffsets.Store {
        private final Lane lane;

        IndexOffsets(Lane lane) {
            this.lane = lane;
        }

        @Override
        public Map<TopicPartition, Long> load(List<TopicPartition> partitions) {
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
            nextOffsets.forEach((tp, offset) -> savedOffsets.put(key(tp), offset));
            if (!gate.commit(lane)) {
                LOG.debugf("Index commit of %s left to the other lane's next commit: it has an event in hand",
                        lane.topic);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        for (Lane lane : lanes) {
            lane.loop.close();
        }
        synchronized (progress) {
            progress.notifyAll();
        }
    }
}

package io.kechuang.matching.consumer;

import io.kechuang.common.consumer.BoundedRetry;
import io.kechuang.common.consumer.ConsumerLoop;
import io.kechuang.common.consumer.GroupOffsets;
import io.kechuang.common.consumer.VersionCheck;
import io.kechuang.events.Revision;
import io.kechuang.matching.index.MatchIndex;
import java.time.Duration;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Match computation for a scaled-out matching service (ARCHITECTURE.md, "Scale-out"). Every replica keeps a full
 * index fed by its own {@link IndexingConsumer}, which then only indexes; this consumer joins one consumer group shared
 * by all replicas, so each achievement and demand event is matched once, by the replica that owns its partition, and
 * adding replicas adds matching throughput.
 * <ul>
 * <li>Like the indexer, it runs one lane per topic: two members of the group on each replica (each a
 * {@link ConsumerLoop} with {@link GroupOffsets}, subscribed to one topic), so a backlog of achievements never holds
 * back the matching of a demand. The group's assignors give each topic's partitions to the members subscribed to
 * it.</li>
 * <li>A record is matched only after this replica's indexer has indexed it and refreshed the searcher, so the
 * item and everything before it on its partition are visible (the loop's gate). While the indexer is behind (a new
 * replica rebuilding its index, or an indexer restarting), the partition is re-read later instead of blocking the
 * group.</li>
 * <li>A record whose item the index already holds at a newer revision (epoch, then version) is skipped: the newer
 * record is on the same partition and will be matched in its turn. A resync's {@code removed} event finds the
 * removal marker the indexer left at its revision, and the listener expires the item's suggestions.</li>
 * <li>Offsets are committed to the group after the batch's suggestions are durable, and when partitions move to
 * another replica. Matching is idempotent (an existing pair is rescored in place), so a record matched twice after
 * a crash changes nothing.</li>
 * <li>Failures are retried a bounded number of times, then dead-lettered. Outages and failed sessions are the
 * loop's: it waits them out, and restarts a failed session.</li>
 * </ul>
 */
public final class MatchGroupConsumer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MatchGroupConsumer.class);

    /** Settings of one group member. */
    public record Settings(String achievementsTopic, String demandsTopic, String groupId, Duration pollTimeout,
            Duration indexWait, String clientId) {
    }

    private final MatchIndex index;
    private final IndexingConsumer indexer;
    private final ItemListener listener;
    private final Settings settings;
    private final List<GroupOffsets> offsets;
    private final List<ConsumerLoop> loops;
    private final AtomicLong matched = new AtomicLong();
    private final ReentrantLock matching = new ReentrantLock(true);

    public MatchGroupConsumer(Map<String, Object> kafkaConfig, MatchIndex index, IndexingConsumer indexer,
            ItemListener listener, BoundedRetry retry, Settings settings) {
        this.index = index;
        this.indexer = indexer;
        this.listener = listener;
        this.settings = settings;
        this.offsets = List.of(new GroupOffsets(settings.groupId(), List.of(settings.achievementsTopic())),
                new GroupOffsets(settings.groupId(), List.of(settings.demandsTopic())));
        this.loops = List.of(lane(kafkaConfig, offsets.get(0), "-achievements", retry),
                lane(kafkaConfig, offsets.get(1), "-demands", retry));
    }

    private ConsumerLoop lane(Map<String, Object> kafkaConfig, GroupOffsets offsets, String suffix,
            BoundedRetry retry) {
        return new ConsumerLoop(kafkaConfig, ConsumerLoop.Settings.of(settings.clientId() + suffix,
                settings.pollTimeout()).withFetchMaxWait(Duration.ofMillis(50)), offsets, retry, this::handle,
                this::indexed);
    }

    public void start() {
        loops.forEach(ConsumerLoop::start);
    }

    /** The loops underneath, one per topic, for the liveness check. */
    public List<ConsumerLoop> loops() {
        return loops;
    }

    /** Whether both loops run a session (not closed, not waiting to restart after a failure). */
    public boolean alive() {
        return loops.stream().allMatch(ConsumerLoop::alive);
    }

    /** Whether the group has given both of this replica's members their partitions at least once. */
    public boolean joined() {
        return offsets.stream().allMatch(GroupOffsets::joined);
    }

    /** Events handed to the listener by this member: items matched, and removals. */
    public long matched() {
        return matched.get();
    }

    public long deadLettered() {
        return sum(ConsumerLoop::deadLettered);
    }

    /** Sessions restarted after a failure, both loops. */
    public long restarts() {
        return sum(ConsumerLoop::restarts);
    }

    private long sum(ToLongFunction<ConsumerLoop> count) {
        return loops.stream().mapToLong(count).sum();
    }

    /** The gate: whether this replica's index has reached the record (waiting up to {@code indexWait} for it). */
    private boolean indexed(ConsumerRecord<byte[], byte[]> record) throws InterruptedException {
        return indexer.awaitIndexed(record.topic(), record.partition(), record.offset(), settings.indexWait());
    }

    /** An admin's replay of a dead letter: the record, at its original place, through the same handler. */
    public void replay(ConsumerRecord<byte[], byte[]> record) throws Exception {
        handle(record);
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
        // The index holds exactly this event: the item, or (a removal) the marker left in its place. The two lanes
        // match in turn, so this replica never inserts the same new pair twice at once.
        matching.lock();
        try {
            event.notify(listener);
        } finally {
            matching.unlock();
        }
        matched.incrementAndGet();
    }

    @Override
    public void close() throws InterruptedException {
        for (ConsumerLoop loop : loops) {
            loop.close();
        }
    }
}

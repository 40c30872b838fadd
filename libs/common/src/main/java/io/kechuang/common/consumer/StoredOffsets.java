package io.kechuang.common.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * A {@link ConsumerLoop} outside any consumer group, whose offsets are kept with the handler's own effects (the
 * matching index keeps them in its Lucene commit), so the two are durable together and a restart resumes exactly
 * where the effects end; Kafka holds no offsets for it.
 * <ul>
 * <li>Assigns every partition of its topics, once they exist, and seeks to the offsets the {@link Store} holds, or to
 * the beginning of a partition it holds none for. A session restarted after a failure goes on from the offsets handled
 * in memory instead: the effects of those records are in hand, stored or not.</li>
 * <li>Saves the next offsets to read after every {@code saveInterval} in which records were handled, and at the end
 * of every session.</li>
 * <li>Reads the partitions' end offsets when it starts ({@link #startEnd}: how far a rebuild has to go) and every 2 s,
 * for {@link #lag()}. A read that times out, or any other failure of it while Kafka is unavailable, is logged and
 * skipped: the lag stays as of the last read, and the loop goes on.</li>
 * </ul>
 */
public final class StoredOffsets implements OffsetStore {

    private static final Logger LOG = Logger.getLogger(StoredOffsets.class);
    private static final long END_CHECK_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** Where the offsets are kept, durably with the effects of the records before them. */
    public interface Store {
        /** The next offset to read of each of {@code partitions} as last saved; a partition left out is read from its beginning. */
        Map<TopicPartition, Long> load(List<TopicPartition> partitions) throws Exception;

        /** Saves the next offset to read of each partition, together with the effects of every record before it. */
        void save(Map<TopicPartition, Long> nextOffsets) throws Exception;
    }

    private final List<String> topics;
    private final Store store;
    private final Duration saveInterval;
    private final Runnable afterBatch;

    private final Map<TopicPartition, Long> next = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> end = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Long> startEnd = new ConcurrentHashMap<>();
    private final AtomicLong endOffsetFailures = new AtomicLong();
    private volatile boolean assigned;
    private boolean dirty;
    private long lastSave;
    private long lastEndCheck;

    /**
     * @param afterBatch run on the loop's thread after each poll's batch has been handled (with or without records),
     *        e.g. to wake whoever waits for a record to be handled
     */
    public StoredOffsets(List<String> topics, Store store, Duration saveInterval, Runnable afterBatch) {
        this.topics = List.copyOf(topics);
        this.store = store;
        this.saveInterval = saveInterval;
        this.afterBatch = afterBatch;
    }

    /** Whether every partition is assigned and positioned (false while a session starts again). */
    public boolean assigned() {
        return assigned;
    }

    /** The next offset to read of the partition: every record before it has been handled. */
    public long next(TopicPartition partition) {
        return next.getOrDefault(partition, 0L);
    }

    /** The partition's end offset when the loop first started: the records already there then are before it. */
    public long startEnd(TopicPartition partition) {
        return startEnd.getOrDefault(partition, 0L);
    }

    /** Whether every partition has been handled up to its {@link #startEnd}. */
    public boolean reachedStartEnd() {
        return startEnd.entrySet().stream().allMatch(e -> next(e.getKey()) >= e.getValue());
    }

    /** Whether any partition held records when the loop first started. */
    public boolean hadRecordsAtStart() {
        return startEnd.values().stream().anyMatch(v -> v > 0);
    }

    /** Records not yet handled, summed over partitions, as of the last read of the end offsets. */
    public long lag() {
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            lag += Math.max(0, e.getValue() - next(e.getKey()));
        }
        return lag;
    }

    /** Reads of the end offsets that failed (timed out) and were skipped. */
    public long endOffsetFailures() {
        return endOffsetFailures.get();
    }

    @Override
    public void configure(Map<String, Object> clientConfig) {
        clientConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        // An offset no longer on the topic (compacted or expired away): read again from the start, idempotently.
        clientConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    }

    @Override
    public boolean start(ConsumerLoop.Session session) throws Exception {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = session.awaitTopic(topic);
            if (infos == null) {
                return false;
            }
            infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        Consumer<byte[], byte[]> kafka = session.kafka();
        kafka.assign(partitions);
        boolean first = startEnd.isEmpty();
        // The offsets handled in memory win; a partition this loop has not positioned yet starts where the store says.
        Map<TopicPartition, Long> from = new HashMap<>(next.keySet().containsAll(partitions) ? Map.of()
                : store.load(partitions));
        from.putAll(next);
        for (TopicPartition tp : partitions) {
            Long offset = from.get(tp);
            if (offset == null) {
                kafka.seekToBeginning(List.of(tp));
            } else {
                kafka.seek(tp, offset);
            }
        }
        Map<TopicPartition, Long> ends = session.call("reading end offsets",
                () -> kafka.endOffsets(partitions, session.timeout()));
        if (first) {
            startEnd.putAll(ends);
        }
        end.putAll(ends);
        for (TopicPartition tp : partitions) {
            next.put(tp, session.call("reading positions", () -> kafka.position(tp, session.timeout())));
        }
        lastSave = System.nanoTime();
        lastEndCheck = lastSave;
        assigned = true;
        LOG.infof("Consuming %s from the %s offsets", topics, first ? "stored" : "handled");
        return true;
    }

    @Override
    public void handled(TopicPartition partition, long nextOffset) {
        next.put(partition, nextOffset);
        dirty = true;
    }

    @Override
    public void afterBatch(ConsumerLoop.Session session, boolean handledAny) throws Exception {
        afterBatch.run();
        long now = System.nanoTime();
        if (dirty && now - lastSave >= saveInterval.toNanos()) {
            save();
        }
        if (now - lastEndCheck >= END_CHECK_NANOS) {
            lastEndCheck = now;
            readEnds(session);
        }
    }

    private void readEnds(ConsumerLoop.Session session) {
        try {
            end.putAll(session.kafka().endOffsets(next.keySet(), session.timeout()));
        } catch (WakeupException e) {
            throw e;
        } catch (RuntimeException e) {
            if (!InfrastructureFailures.isInfrastructure(e)) {
                throw e;
            }
            if (endOffsetFailures.incrementAndGet() == 1) {
                LOG.warnf("End offsets of %s not read (%s); the lag stays as of the last read until Kafka answers",
                        topics, e.toString());
            } else {
                LOG.debugf("End offsets of %s still not read: %s", topics, e.toString());
            }
        }
    }

    private void save() throws Exception {
        store.save(Map.copyOf(next));
        dirty = false;
        lastSave = System.nanoTime();
    }

    @Override
    public void finish(ConsumerLoop.Session session) {
        assigned = false;
        if (!dirty) {
            return;
        }
        try {
            save();
        } catch (Exception e) {
            LOG.warnf(e, "Offsets of %s not stored at the end of the session; the records since are read again", topics);
        }
    }
}

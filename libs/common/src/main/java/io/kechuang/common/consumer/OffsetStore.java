package io.kechuang.common.consumer;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a {@link ConsumerLoop} keeps its place on its topics, the one thing its modes differ in:
 * <ul>
 * <li>{@link GroupOffsets}: a consumer-group member; offsets are committed to Kafka after each batch;</li>
 * <li>{@link StoredOffsets}: no group; every partition is assigned and the offsets are kept with the handler's own
 * effects (the matching index keeps them in its Lucene commit), so both are durable together.</li>
 * </ul>
 * Every method runs on the loop's thread.
 */
public interface OffsetStore {

    /** Adds this mode's client settings (a group id, or none) to the settings the loop built. */
    void configure(Map<String, Object> clientConfig);

    /**
     * Positions the client of a new session (the first, and each after a restart) on the topics: subscribes, or
     * assigns and seeks. Kafka calls go through {@link ConsumerLoop.Session#call}, so they wait out an outage.
     *
     * @return false if the loop was closed first
     */
    boolean start(ConsumerLoop.Session session) throws Exception;

    /** Every record of {@code partition} before {@code nextOffset} has been handled (or dead-lettered). */
    void handled(TopicPartition partition, long nextOffset);

    /** After each poll and its batch: stores what was handled, now or when due. */
    void afterBatch(ConsumerLoop.Session session, boolean handledAny) throws Exception;

    /**
     * The session ends (the loop stops, or it failed and will restart): stores what was handled if that can be done
     * within the session's Kafka timeout, never throws. What is not stored is handled again, which idempotent handlers
     * allow.
     */
    void finish(ConsumerLoop.Session session);
}

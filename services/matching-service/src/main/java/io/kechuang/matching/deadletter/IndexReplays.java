package io.kechuang.matching.deadletter;

import io.kechuang.common.consumer.BoundedRetry;
import io.kechuang.common.consumer.ConsumerLoop;
import io.kechuang.common.consumer.StoredOffsets;
import io.kechuang.matching.consumer.IndexingConsumer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * This replica's reader of {@code matching.replay}: every partition, no group (each replica keeps its own index), from
 * the topic's beginning at every start, each record handed at its original place to {@link IndexingConsumer#replay}.
 * Reading old replays again after a restart changes nothing (the version check); the offsets are kept in memory only,
 * so a failed session goes on where it was. A replay this replica's index cannot apply is retried and dead-lettered
 * like any record (consumer {@value #CLIENT_ID}, original topic {@code matching.replay}): that failure is this
 * replica's, and the admin replays it like any other dead letter.
 */
public final class IndexReplays implements AutoCloseable {

    public static final String CLIENT_ID = "matching-replay";
    static final String ORIGINAL_TOPIC = "replay-original-topic";
    static final String ORIGINAL_PARTITION = "replay-original-partition";
    static final String ORIGINAL_OFFSET = "replay-original-offset";

    private final IndexingConsumer indexer;
    private final ConsumerLoop loop;

    public IndexReplays(Map<String, Object> kafkaConfig, String topic, IndexingConsumer indexer, BoundedRetry retry,
            Duration pollTimeout) {
        this.indexer = indexer;
        Map<TopicPartition, Long> handled = new ConcurrentHashMap<>();
        StoredOffsets offsets = new StoredOffsets(List.of(topic), new StoredOffsets.Store() {
            @Override
            public Map<TopicPartition, Long> load(List<TopicPartition> partitions) {
                return Map.copyOf(handled);
            }

            @Override
            public void save(Map<TopicPartition, Long> nextOffsets) {
                handled.putAll(nextOffsets);
            }
        }, Duration.ofSeconds(1), () -> { });
        this.loop = new ConsumerLoop(kafkaConfig, ConsumerLoop.Settings.of(CLIENT_ID, pollTimeout), offsets, retry,
                this::handle);
    }

    public void start() {
        loop.start();
    }

    /** The loop underneath, for the liveness check. */
    public ConsumerLoop loop() {
        return loop;
    }

    /** Records of {@code matching.replay} handled since the start, dead letters included. */
    public long processed() {
        return loop.processed();
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) throws Exception {
        indexer.replay(unwrap(record));
    }

    /** A replay record for {@code matching.replay}: the original record, with its place in headers. */
    static ProducerRecord<byte[], byte[]> wrap(String replayTopic, ConsumerRecord<byte[], byte[]> original) {
        ProducerRecord<byte[], byte[]> replay = new ProducerRecord<>(replayTopic, null, original.key(),
                original.value());
        for (Header h : original.headers()) {
            replay.headers().add(h);
        }
        replay.headers().add(ORIGINAL_TOPIC, bytes(original.topic()));
        replay.headers().add(ORIGINAL_PARTITION, bytes(Integer.toString(original.partition())));
        replay.headers().add(ORIGINAL_OFFSET, bytes(Long.toString(original.offset())));
        return replay;
    }

    /**
     * The original record a replay record carries, at its original place.
     *
     * @throws BoundedRetry.PermanentFailure if it does not say where it came from
     */
    static ConsumerRecord<byte[], byte[]> unwrap(ConsumerRecord<byte[], byte[]> replay) {
        String topic = header(replay, ORIGINAL_TOPIC).orElseThrow(() -> new BoundedRetry.PermanentFailure(
                "replay record without " + ORIGINAL_TOPIC, null));
        RecordHeaders headers = new RecordHeaders();
        for (Header h : replay.headers()) {
            if (!h.key().startsWith("replay-") && !h.key().startsWith("dlq-")) {
                headers.add(h);
            }
        }
        try {
            return new ConsumerRecord<>(topic, Integer.parseInt(header(replay, ORIGINAL_PARTITION).orElse("0")),
                    Long.parseLong(header(replay, ORIGINAL_OFFSET).orElse("-1")), replay.timestamp(),
                    TimestampType.CREATE_TIME, replay.serializedKeySize(), replay.serializedValueSize(), replay.key(),
                    replay.value(), headers, Optional.empty());
        } catch (NumberFormatException e) {
            throw new BoundedRetry.PermanentFailure("replay record with a malformed original place", e);
        }
    }

    private static Optional<String> header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? Optional.empty() : Optional.of(new String(h.value(), StandardCharsets.UTF_8));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        loop.close();
    }
}

package io.kechuang.common.deadletter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a dead-letter topic with a plain Kafka client of its own: assign and seek, no consumer group, nothing
 * committed, and never more records in memory than the caller asked for. Dead-letter topics are written by an
 * idempotent, non-transactional producer and never compacted, so their offsets run without gaps from the first kept
 * record to the end: a page is plain arithmetic on offsets.
 */
final class DeadLetterTopic implements AutoCloseable {

    /** A partition's range of records: {@code [begin, end)}. */
    record Range(TopicPartition partition, long begin, long end) {
        long size() {
            return Math.max(0, end - begin);
        }
    }

    private final KafkaConsumer<byte[], byte[]> kafka;
    private final String topic;
    private final Duration timeout;

    DeadLetterTopic(Map<String, Object> kafkaConfig, String topic, Duration timeout) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "dead-letters-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, DeadLetters.CHUNK);
        this.kafka = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.timeout = timeout;
    }

    /** Each partition's kept records, by partition number; none if the topic does not exist yet. */
    List<Range> ranges() {
        List<PartitionInfo> infos = kafka.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            return List.of();
        }
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
        Map<TopicPartition, Long> begin = kafka.beginningOffsets(partitions, timeout);
        Map<TopicPartition, Long> end = kafka.endOffsets(partitions, timeout);
        return partitions.stream().map(tp -> new Range(tp, begin.get(tp), end.get(tp))).toList();
    }

    /** The record at {@code id}, if the topic still keeps it. */
    Optional<ConsumerRecord<byte[], byte[]>> at(DeadLetterId id) {
        for (Range range : ranges()) {
            if (range.partition().partition() == id.partition()) {
                if (id.offset() < range.begin() || id.offset() >= range.end()) {
                    return Optional.empty();
                }
                return read(range.partition(), id.offset(), id.offset() + 1).stream().findFirst();
            }
        }
        return Optional.empty();
    }

    /**
     * The records at offsets {@code [from, to)} of one partition, in offset order.
     *
     * @throws org.apache.kafka.common.errors.TimeoutException if they could not all be read within the timeout (Kafka
     *         is unavailable: a 503)
     */
    List<ConsumerRecord<byte[], byte[]>> read(TopicPartition partition, long from, long to) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        if (from >= to) {
            return records;
        }
        kafka.assign(List.of(partition));
        kafka.seek(partition, from);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (kafka.position(partition, timeout) < to) {
            if (System.nanoTime() > deadline) {
                throw new org.apache.kafka.common.errors.TimeoutException("Could not read " + partition + " from " + from + " to " + to
                        + " within " + timeout.toSeconds() + " s");
            }
            for (ConsumerRecord<byte[], byte[]> r : kafka.poll(Duration.ofMillis(200)).records(partition)) {
                if (r.offset() < to) {
                    records.add(r);
                }
            }
        }
        return records;
    }

    /**
     * Walks every kept record, oldest first, in chunks of {@code chunk} records, until {@code visitor} returns false
     * or the records end.
     */
    void forEachChunk(int chunk, Predicate<List<ConsumerRecord<byte[], byte[]>>> visitor) {
        for (Range range : ranges()) {
            for (long from = range.begin(); from < range.end(); from += chunk) {
                if (!visitor.test(read(range.partition(), from, Math.min(range.end(), from + chunk)))) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        kafka.close(Duration.ofSeconds(5));
    }
}

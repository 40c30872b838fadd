package io.kechuang.common.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends records a consumer could not process to {@code <consumer>.dlq}, byte for byte, with headers saying where
 * they came from and why they failed. The send is synchronous: the consumer moves past a poison record only once
 * the broker holds its dead letter.
 */
public final class DeadLetterQueue implements AutoCloseable {

    public static final String ORIGINAL_TOPIC = "dlq-original-topic";
    public static final String ORIGINAL_PARTITION = "dlq-original-partition";
    public static final String ORIGINAL_OFFSET = "dlq-original-offset";
    public static final String ERROR = "dlq-error";
    public static final String ATTEMPTS = "dlq-attempts";
    /** The consumer (its client id) that gave up on the record: where an admin's replay sends it back. */
    public static final String CONSUMER = "dlq-consumer";

    private final String topic;
    private final Producer<byte[], byte[]> producer;
    private final List<Runnable> closeListeners = new CopyOnWriteArrayList<>();

    /** @param producerConfig idempotent producer settings, e.g. from {@code KafkaSettings} */
    public DeadLetterQueue(String topic, Map<String, Object> producerConfig) {
        this.topic = topic;
        this.producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
    }

    public String topic() {
        return topic;
    }

    public void send(ConsumerRecord<byte[], byte[]> record, Throwable error, int attempts) throws Exception {
        send(record, error, attempts, null);
    }

    /** @param consumer the client id of the consumer that gave up, written as {@value #CONSUMER}; null for none */
    public void send(ConsumerRecord<byte[], byte[]> record, Throwable error, int attempts, String consumer)
            throws Exception {
        ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>(topic, null, record.key(), record.value());
        for (Header h : record.headers()) {
            dead.headers().add(h);
        }
        dead.headers().add(ORIGINAL_TOPIC, bytes(record.topic()));
        dead.headers().add(ORIGINAL_PARTITION, bytes(Integer.toString(record.partition())));
        dead.headers().add(ORIGINAL_OFFSET, bytes(Long.toString(record.offset())));
        String message = error.getClass().getSimpleName() + ": " + error.getMessage();
        dead.headers().add(ERROR, bytes(message.length() > 2000 ? message.substring(0, 2000) : message));
        dead.headers().add(ATTEMPTS, bytes(Integer.toString(attempts)));
        if (consumer != null) {
            dead.headers().add(CONSUMER, bytes(consumer));
        }
        producer.send(dead).get(30, TimeUnit.SECONDS);
    }

    /** Runs {@code listener} when the queue is closed, before the producer is: a retry waiting to write stops. */
    public void onClose(Runnable listener) {
        closeListeners.add(listener);
    }

    @Override
    public void close() {
        closeListeners.forEach(Runnable::run);
        producer.close(Duration.ofSeconds(5));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

package io.kechuang.testing.security;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The fixture {@code dead-letter} of a service with consumers: a dead letter written straight to the service's
 * dead-letter topic, as {@code DeadLetterQueue} writes them (headers {@code dlq-original-topic} … {@code dlq-consumer}),
 * holding a record that is not an event, so that a replay of it fails and changes nothing. Variable: {@code id}
 * ({@code <partition>-<offset>}); witness: {@code <collection>/dead-letters/<id>}.
 *
 * <pre>{@code
 * suite.fixture("dead-letter", new DeadLetterFixtures(kafka, "demand-service.dlq", "matches.v1",
 *         "demand-service-matches", "/api/demands"));
 * }</pre>
 */
public final class DeadLetterFixtures implements Fixtures {

    private final String bootstrapServers;
    private final String topic;
    private final String originalTopic;
    private final String consumer;
    private final String collection;

    public DeadLetterFixtures(String bootstrapServers, String topic, String originalTopic, String consumer,
            String collection) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.originalTopic = originalTopic;
        this.consumer = consumer;
        this.collection = collection;
    }

    @Override
    public Fixture create(String name) {
        if (!name.equals("dead-letter")) {
            throw new IllegalArgumentException("no fixture '" + name + "' here: dead-letter");
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>(topic, 0, bytes("security-suite"),
                    bytes("not an event"));
            dead.headers().add("dlq-original-topic", bytes(originalTopic));
            dead.headers().add("dlq-original-partition", bytes("0"));
            dead.headers().add("dlq-original-offset", bytes("0"));
            dead.headers().add("dlq-error", bytes("MalformedEventException: not an event (security suite fixture)"));
            dead.headers().add("dlq-attempts", bytes("1"));
            dead.headers().add("dlq-consumer", bytes(consumer));
            RecordMetadata written = producer.send(dead).get(30, TimeUnit.SECONDS);
            String id = written.partition() + "-" + written.offset();
            return Fixture.of(Map.of("id", id), collection + "/dead-letters/" + id);
        } catch (Exception e) {
            throw new IllegalStateException("fixture: cannot write a dead letter to " + topic, e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

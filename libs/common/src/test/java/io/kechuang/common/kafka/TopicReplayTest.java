package io.kechuang.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.testing.SharedInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** A whole topic read once, on a real broker: every record up to the end as of the start, in partition order. */
class TopicReplayTest {

    private final String kafka = SharedInfrastructure.get().kafkaBootstrapServers();

    @Test
    void readsEveryRecordOfEveryPartitionInOrder() throws Exception {
        String topic = "replay-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 30; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + (i % 5), "v" + i)).get();
            }
        }
        List<String> seen = new ArrayList<>();
        long read = TopicReplay.read(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka), topic, "replay-test",
                Duration.ofSeconds(30), r -> seen.add(new String(r.key(), StandardCharsets.UTF_8) + "="
                        + new String(r.value(), StandardCharsets.UTF_8)));
        assertEquals(30, read);
        assertEquals(30, seen.size());
        for (int k = 0; k < 5; k++) {
            String key = "key-" + k;
            List<Integer> values = seen.stream().filter(s -> s.startsWith(key + "="))
                    .map(s -> Integer.parseInt(s.substring(s.indexOf("=v") + 2))).toList();
            assertEquals(6, values.size(), key);
            for (int i = 1; i < values.size(); i++) {
                assertTrue(values.get(i) > values.get(i - 1), "one key's records in the order written: " + values);
            }
        }
    }

    @Test
    void aTopicThatDoesNotExistHoldsNothingToReplay() {
        long read = TopicReplay.read(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka),
                "never-created-" + UUID.randomUUID(), "replay-test", Duration.ofSeconds(5), r -> {
                    throw new AssertionError("no record expected");
                });
        assertEquals(0, read);
    }
}

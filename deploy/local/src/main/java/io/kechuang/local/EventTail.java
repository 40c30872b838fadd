package io.kechuang.local;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * {@code deploy/local/run events <topic>}: prints the records of a topic of the running platform (key, headers,
 * the value as indented JSON), from the beginning or only new ones, and keeps following until Ctrl-C or
 * {@code --max} records. No consumer group: it assigns every partition itself and commits nothing, so it
 * disturbs no service. Kafka's own console consumer is not needed.
 */
final class EventTail {

    private static final Duration POLL = Duration.ofMillis(500);

    /** Numbers stay as written: 1500000.00, not 1500000.0 or 1.5E+6. */
    private final ObjectMapper json = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    private final PrintStream out;

    EventTail(PrintStream out) {
        this.out = out;
    }

    /**
     * @param fromBeginning also the records already in the topic (a compacted topic: the latest state of each key)
     * @param max           stop after this many records; 0 = follow until Ctrl-C
     * @param wait          how long to wait for the broker and the topic to be there
     * @return the process exit code
     */
    int run(String bootstrapServers, String topic, boolean fromBeginning, long max, Duration wait) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "kechuang-local-events");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");

        CountDownLatch done = new CountDownLatch(1);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            Thread stopper = new Thread(() -> {
                consumer.wakeup();
                awaitQuietly(done);
            }, "events-stop");
            Runtime.getRuntime().addShutdownHook(stopper);
            try {
                List<TopicPartition> partitions = awaitPartitions(consumer, bootstrapServers, topic, wait);
                if (partitions.isEmpty()) {
                    return 1;
                }
                consumer.assign(partitions);
                if (fromBeginning) {
                    consumer.seekToBeginning(partitions);
                } else {
                    consumer.seekToEnd(partitions);
                }
                // Resolve the lazy seek now: "new" means written after the line below is printed.
                partitions.forEach(tp -> consumer.position(tp, Duration.ofSeconds(10)));
                out.println("Following " + topic + " on " + bootstrapServers + " (" + partitions.size() + " partitions, "
                        + (fromBeginning ? "from the beginning" : "new records only")
                        + (max > 0 ? ", stopping after " + max + (max == 1 ? " record" : " records") : ", Ctrl-C to stop")
                        + ")");
                out.println();
                long seen = 0;
                while (max == 0 || seen < max) {
                    for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                        print(record);
                        if (++seen == max) {
                            break;
                        }
                    }
                }
                return 0;
            } catch (WakeupException stopping) {
                return 0;
            } finally {
                done.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(stopper);
                } catch (IllegalStateException alreadyStopping) {
                    // Ctrl-C: the hook is running
                }
            }
        }
    }

    private List<TopicPartition> awaitPartitions(KafkaConsumer<?, ?> consumer, String bootstrap, String topic,
            Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        boolean told = false;
        while (true) {
            Map<String, List<PartitionInfo>> topics;
            try {
                topics = consumer.listTopics(Duration.ofSeconds(5));
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                topics = null;
            }
            if (topics != null && topics.containsKey(topic)) {
                return topics.get(topic).stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            }
            if (System.nanoTime() > deadline) {
                System.err.println(topics == null
                        ? "No Kafka broker answers at " + bootstrap + ". Is the platform running (deploy/local/run)?"
                        : "No topic '" + topic + "' on " + bootstrap + ". Topics: " + topics.keySet().stream()
                                .filter(t -> !t.startsWith("__")).sorted().toList());
                return List.of();
            }
            if (!told) {
                System.err.println(topics == null
                        ? "Waiting for a Kafka broker at " + bootstrap + " ..."
                        : "Waiting for topic " + topic + " (its producer creates it at start-up) ...");
                told = true;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
    }

    private void print(ConsumerRecord<String, String> record) {
        StringBuilder sb = new StringBuilder()
                .append("── ").append(record.topic()).append("  partition ").append(record.partition())
                .append("  offset ").append(record.offset()).append("  ")
                .append(Instant.ofEpochMilli(record.timestamp())).append('\n')
                .append("key: ").append(record.key()).append('\n');
        for (Header h : record.headers()) {
            sb.append(h.key()).append(": ")
                    .append(h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8)).append('\n');
        }
        sb.append(pretty(record.value())).append('\n');
        out.println(sb);
    }

    private String pretty(String value) {
        if (value == null) {
            return "(tombstone: no value)";
        }
        try {
            JsonNode tree = json.readTree(value);
            return json.writeValueAsString(tree);
        } catch (Exception notJson) {
            return value;
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

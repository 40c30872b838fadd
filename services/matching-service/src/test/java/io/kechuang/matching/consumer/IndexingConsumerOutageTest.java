package io.kechuang.matching.consumer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.common.consumer.BoundedRetry;
import io.kechuang.common.consumer.ConsumerLiveness;
import io.kechuang.common.consumer.DeadLetterQueue;
import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.matching.Events;
import io.kechuang.matching.index.IndexSchema;
import io.kechuang.matching.index.Item;
import io.kechuang.matching.index.MatchIndex;
import io.kechuang.infra.KafkaKraftBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The indexer (offsets in the Lucene commit) through a Kafka outage, on a broker of its own that the test stops and
 * starts again on the same data and port: reading the end offsets times out, the indexer goes on (no restart, alive,
 * liveness UP), and once the broker is back it resumes from the offsets it holds, indexing and matching what follows
 * exactly once and committing the offsets with the index.
 */
class IndexingConsumerOutageTest {

    @TempDir
    Path folder;

    @Test
    void anEndOffsetTimeoutDuringAnOutageDoesNotEndTheIndexer() throws Exception {
        Path data = folder.resolve("kafka");
        KafkaKraftBroker broker = KafkaKraftBroker.start(data, 0, 0, true);
        int brokerPort = broker.brokerPort();
        int controllerPort = broker.controllerPort();
        String kafka = broker.bootstrapServers();
        String achievements = "outage-achievements";
        String demands = "outage-demands";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            admin.createTopics(List.of(new NewTopic(achievements, 1, (short) 1), new NewTopic(demands, 1, (short) 1),
                    new NewTopic("outage-dlq", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        List<Item> matched = Collections.synchronizedList(new ArrayList<>());
        ConsumerLiveness liveness = new ConsumerLiveness(Duration.ofSeconds(20));
        try (Events events = new Events(kafka, achievements, demands);
                DeadLetterQueue dlq = new DeadLetterQueue("outage-dlq",
                        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka));
                MatchIndex index = MatchIndex.open(folder.resolve("index"))) {
            IndexingConsumer consumer = new IndexingConsumer(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka),
                    index, new RecordingListener(matched::add),
                    new BoundedRetry(3, Duration.ofMillis(10), dlq), new IndexingConsumer.Settings(achievements, demands,
                            Duration.ofMillis(100), Duration.ofMillis(200), "outage-indexer"));
            consumer.loops().forEach(liveness::watch);
            consumer.start();
            await().atMost(Duration.ofSeconds(30)).until(consumer::assigned);
            publish(events, 3);
            await().atMost(Duration.ofSeconds(15)).until(() -> matched.size() == 3
                    && committedSum() == 3);

            broker.close();
            await().atMost(Duration.ofSeconds(60)).until(() -> consumer.endOffsetFailures() >= 1);
            assertTrue(consumer.alive(), "the indexer goes on through the outage");
            assertEquals(0, consumer.restarts());
            assertEquals(HealthCheckResponse.Status.UP, liveness.call().getStatus(), liveness.call().getData().toString());

            broker = KafkaKraftBroker.start(data, brokerPort, controllerPort, true);
            publish(events, 2);
            await().atMost(Duration.ofSeconds(60)).until(() -> matched.size() == 5 && committedSum() == 5);
            await().atMost(Duration.ofSeconds(10)).until(() -> consumer.lag() == 0);
            assertEquals(5, index.numDocs());
            assertEquals(0, consumer.restarts());
            assertEquals(0, consumer.deadLettered());
            consumer.close();
        } finally {
            broker.close();
        }
    }

    private static void publish(Events events, int n) {
        for (int i = 0; i < n; i++) {
            events.publish(Events.achievement(UUID.randomUUID(), UUID.randomUUID(), 1, AchievementStatus.PUBLISHED,
                    "断网期间的成果 " + i, "光伏组件清洗机器人", List.of("光伏")));
        }
    }

    /** The offsets in the index's latest durable commit, summed over partitions. */
    private long committedSum() throws Exception {
        try (Directory directory = FSDirectory.open(folder.resolve("index"))) {
            return SegmentInfos.readLatestCommit(directory).getUserData().entrySet().stream()
                    .filter(e -> e.getKey().startsWith(IndexSchema.COMMIT_OFFSET_PREFIX))
                    .mapToLong(e -> Long.parseLong(e.getValue())).sum();
        }
    }
}

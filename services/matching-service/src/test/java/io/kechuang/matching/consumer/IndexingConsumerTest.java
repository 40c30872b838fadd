package io.kechuang.matching.consumer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.common.consumer.BoundedRetry;
import io.kechuang.common.consumer.DeadLetterQueue;
import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.demand.DemandStatus;
import io.kechuang.matching.Events;
import io.kechuang.matching.index.Item;
import io.kechuang.matching.index.MatchIndex;
import io.kechuang.testing.SharedInfrastructure;
import io.kechuang.testing.TopicProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The indexing consumer against the real broker, on topics of its own: resuming from the offsets in the index
 * commit, rebuilding a lost index from the topics without re-suggesting and merging it once caught up, and
 * dead-lettering poison records.
 */
class IndexingConsumerTest {

    @TempDir
    Path folder;

    private String kafka;
    private String achievements;
    private String demands;
    private String dlqTopic;
    private Events events;
    private final List<Item> matched = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void topics() throws Exception {
        kafka = SharedInfrastructure.get().kafkaBootstrapServers();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        achievements = "it-achievements-" + suffix;
        demands = "it-demands-" + suffix;
        dlqTopic = "it-matching-dlq-" + suffix;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            admin.createTopics(List.of(new NewTopic(achievements, 2, (short) 1), new NewTopic(demands, 2, (short) 1),
                    new NewTopic(dlqTopic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        events = new Events(kafka, achievements, demands);
    }

    @AfterEach
    void closeEvents() {
        events.close();
    }

    private IndexingConsumer start(MatchIndex index, DeadLetterQueue dlq) {
        IndexingConsumer consumer = new IndexingConsumer(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka), index, matched::add,
                new BoundedRetry(3, Duration.ofMillis(10), dlq),
                new IndexingConsumer.Settings(achievements, demands, Duration.ofMillis(100), Duration.ofMillis(200), "it"));
        consumer.start();
        await().atMost(Duration.ofSeconds(30)).until(consumer::assigned);
        return consumer;
    }

    private DeadLetterQueue dlq() {
        return new DeadLetterQueue(dlqTopic, Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all"));
    }

    private void publishAchievements(List<UUID> ids) {
        for (UUID id : ids) {
            events.publish(Events.achievement(id, UUID.randomUUID(), 1, AchievementStatus.PUBLISHED, "成果 " + id,
                    "光伏组件清洗机器人", List.of("光伏")));
        }
    }

    private static List<UUID> ids(int n) {
        return Stream.generate(UUID::randomUUID).limit(n).toList();
    }

    @Test
    void aRestartResumesFromTheCommittedOffsetsWithNoGapAndNoReprocessing() throws Exception {
        Path indexDir = folder.resolve("index");
        List<UUID> first = ids(5);
        try (DeadLetterQueue dlq = dlq(); MatchIndex index = MatchIndex.open(indexDir)) {
            IndexingConsumer consumer = start(index, dlq);
            publishAchievements(first);
            await().atMost(Duration.ofSeconds(10)).until(() -> matched.size() == 5);
            consumer.close();
        }
        List<UUID> whileDown = ids(3);
        publishAchievements(whileDown);
        matched.clear();

        try (DeadLetterQueue dlq = dlq(); MatchIndex index = MatchIndex.open(indexDir)) {
            assertFalse(index.created(), "the committed index is reused");
            assertEquals(5, index.committedOffsets().values().stream().mapToLong(Long::longValue).sum(),
                    "the commit holds the offsets of the five records");
            IndexingConsumer consumer = start(index, dlq);
            await().atMost(Duration.ofSeconds(10)).until(() -> matched.size() >= 3);
            consumer.close();
            assertEquals(whileDown.stream().sorted().toList(),
                    matched.stream().map(Item::id).sorted().toList(), "exactly the records published while it was down");
            assertEquals(8, index.numDocs());
            assertNull(consumer.rebuildCompaction(), "a reused index is not merged: only a rebuild leaves many segments");
        }
    }

    @Test
    void aLostIndexIsRebuiltFromTheTopicsWithoutSuggestingAgain() throws Exception {
        Path indexDir = folder.resolve("index");
        List<UUID> published = ids(4);
        UUID demand = UUID.randomUUID();
        try (DeadLetterQueue dlq = dlq(); MatchIndex index = MatchIndex.open(indexDir)) {
            IndexingConsumer consumer = start(index, dlq);
            publishAchievements(published);
            events.publish(Events.demand(demand, UUID.randomUUID(), 1, DemandStatus.OPEN, "需求", "光伏组件清洗", List.of()));
            await().atMost(Duration.ofSeconds(10)).until(() -> matched.size() == 5);
            consumer.close();
        }
        try (Stream<Path> files = Files.walk(indexDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        matched.clear();

        try (DeadLetterQueue dlq = dlq(); MatchIndex index = MatchIndex.open(indexDir)) {
            assertTrue(index.created());
            IndexingConsumer consumer = start(index, dlq);
            await().atMost(Duration.ofSeconds(15)).until(() -> index.numDocs() == 5 && !consumer.rebuilding());
            assertTrue(index.item(demand.toString()).isPresent());
            assertEquals(List.of(), matched, "a rebuild only re-indexes");
            // The trigger: a rebuild that caught up starts the merge (IndexReadsTest checks the merge itself on
            // a many-segment index; a rebuild this small is merged on refresh by Lucene already).
            assertNotNull(consumer.rebuildCompaction(), "a rebuild that caught up starts the merge");
            assertEquals(1, consumer.rebuildCompaction().get(30, TimeUnit.SECONDS));
            assertEquals(1, index.segments(), "the searcher sees the merged index");

            UUID fresh = UUID.randomUUID();
            publishAchievements(List.of(fresh));
            await().atMost(Duration.ofSeconds(10)).until(() -> matched.size() == 1);
            assertEquals(fresh, matched.getFirst().id(), "events after the rebuild are matched again");
            consumer.close();
        }
    }

    @Test
    void aRecordThatKeepsFailingIsDeadLetteredAndThePartitionMovesOn() throws Exception {
        UUID good = UUID.randomUUID();
        try (DeadLetterQueue dlq = dlq(); MatchIndex index = MatchIndex.open(folder.resolve("index"));
                TopicProbe dead = TopicProbe.open(kafka, dlqTopic, true)) {
            IndexingConsumer consumer = new IndexingConsumer(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka), index,
                    item -> {
                        if (item.title().contains("故障")) {
                            throw new IllegalStateException("matching failed for " + item.id());
                        }
                        matched.add(item);
                    }, new BoundedRetry(3, Duration.ofMillis(10), dlq),
                    new IndexingConsumer.Settings(achievements, demands, Duration.ofMillis(100), Duration.ofMillis(200), "it"));
            consumer.start();
            await().atMost(Duration.ofSeconds(30)).until(consumer::assigned);
            UUID failing = UUID.randomUUID();
            events.publish(Events.achievement(failing, UUID.randomUUID(), 1, AchievementStatus.PUBLISHED, "故障成果",
                    "总是失败", List.of()));
            events.send(achievements, "garbage", "\u0000not json");
            events.publish(Events.achievement(good, UUID.randomUUID(), 1, AchievementStatus.PUBLISHED, "正常成果",
                    "光伏", List.of()));

            await().atMost(Duration.ofSeconds(15)).until(() -> matched.stream().anyMatch(i -> i.id().equals(good)));
            var failed = dead.awaitRecord(r -> failing.toString().equals(r.key()), Duration.ofSeconds(10));
            assertEquals("3", new String(failed.headers().lastHeader(DeadLetterQueue.ATTEMPTS).value()),
                    "a processing failure is retried, then dead-lettered");
            var malformed = dead.awaitRecord(r -> "garbage".equals(r.key()), Duration.ofSeconds(10));
            assertEquals("1", new String(malformed.headers().lastHeader(DeadLetterQueue.ATTEMPTS).value()),
                    "a malformed record cannot get better: no retries");
            assertEquals(2, consumer.deadLettered());
            consumer.close();
        }
    }
}

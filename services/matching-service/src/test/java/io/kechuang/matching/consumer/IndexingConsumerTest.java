package io.kechuang.matching.consumer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.common.consumer.BoundedRetry;
import io.kechuang.common.consumer.DeadLetterQueue;
import io.kechuang.events.EventEnvelope;
import io.kechuang.events.EventJson;
import io.kechuang.events.EventTypes;
import io.kechuang.events.Revision;
import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.demand.DemandState;
import io.kechuang.events.demand.DemandStatus;
import io.kechuang.matching.Events;
import io.kechuang.matching.index.Item;
import io.kechuang.matching.index.MatchIndex;
import io.kechuang.matching.search.SearchEngine;
import io.kechuang.matching.search.SearchRequest;
import io.kechuang.matching.search.SearchResult;
import io.kechuang.testing.SharedInfrastructure;
import io.kechuang.testing.TopicProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
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
    private final RecordingListener listener = new RecordingListener(matched::add);

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
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka), index, listener,
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
                    new RecordingListener(item -> {
                        if (item.title().contains("故障")) {
                            throw new IllegalStateException("matching failed for " + item.id());
                        }
                        matched.add(item);
                    }), new BoundedRetry(3, Duration.ofMillis(10), dlq),
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

    /** Waits until the consumer has handled the record {@code sent} (indexed or skipped it, and told the listener). */
    private static void awaitHandled(IndexingConsumer consumer, RecordMetadata sent) throws InterruptedException {
        assertTrue(consumer.awaitIndexed(sent.topic(), sent.partition(), sent.offset(), Duration.ofSeconds(15)),
                "record " + sent + " not handled in time");
    }

    @Test
    void aLaterEpochReplacesAHigherVersionAndEventsOfAnOlderEpochAreSkipped() throws Exception {
        UUID id = UUID.randomUUID();
        UUID owner = UUID.randomUUID();
        long epoch = 1_767_225_600L;
        try (DeadLetterQueue dlq = dlq(); MatchIndex index = MatchIndex.open(folder.resolve("index"))) {
            IndexingConsumer consumer = start(index, dlq);
            awaitHandled(consumer, events.publish(Events.achievement(id, owner, 5, AchievementStatus.PUBLISHED,
                    "第五版（已丢失的历史）", "光伏组件清洗", List.of())));
            assertEquals(Optional.of(new Revision(0, 5)), index.indexedRevision(id.toString()));

            // The producer's database was rolled back to v3; its resync republishes that in a new epoch.
            awaitHandled(consumer, events.resync(Events.achievement(id, owner, 3, AchievementStatus.PUBLISHED,
                    "第三版（重新同步）", "光伏组件清洗", List.of()), epoch));
            assertEquals(Optional.of(new Revision(epoch, 3)), index.indexedRevision(id.toString()));
            assertEquals("第三版（重新同步）", index.item(id.toString()).orElseThrow().title());
            assertEquals(List.of("第五版（已丢失的历史）", "第三版（重新同步）"), matched.stream().map(Item::title).toList(),
                    "the resynced state is matched like an update");

            // An event of the lost history, delivered late: a higher version, but the old epoch.
            awaitHandled(consumer, events.publish(Events.achievement(id, owner, 6, AchievementStatus.WITHDRAWN,
                    "第六版（旧纪元）", "光伏组件清洗", List.of())));
            assertEquals(Optional.of(new Revision(epoch, 3)), index.indexedRevision(id.toString()));
            Item held = index.item(id.toString()).orElseThrow();
            assertEquals("第三版（重新同步）", held.title());
            assertTrue(held.active(), "the old epoch's withdrawal was skipped");
            assertEquals(2, matched.size(), "nothing matched for the skipped event");

            // Normal events after the resync carry its epoch and are applied as usual.
            awaitHandled(consumer, events.publish(Events.achievement(id, owner, 4, AchievementStatus.PUBLISHED,
                    "第四版（新纪元）", "光伏组件清洗", List.of()), EventTypes.ACHIEVEMENT_UPDATED, epoch));
            assertEquals("第四版（新纪元）", index.item(id.toString()).orElseThrow().title());
            assertEquals(0, consumer.deadLettered());
            consumer.close();
        }
    }

    @Test
    void aRemovalTakesTheItemOutOfTheIndexForGoodAndIsNotDeadLettered() throws Exception {
        UUID id = UUID.randomUUID();
        UUID owner = UUID.randomUUID();
        long epoch = 1_767_225_600L;
        try (DeadLetterQueue dlq = dlq(); MatchIndex index = MatchIndex.open(folder.resolve("index"));
                TopicProbe dead = TopicProbe.open(kafka, dlqTopic, true)) {
            IndexingConsumer consumer = start(index, dlq);
            awaitHandled(consumer, events.publish(Events.demand(id, owner, 2, DemandStatus.OPEN, "除尘需求", "光伏组件清洗",
                    List.of("光伏"))));
            assertEquals(1, searchHits(index, id), "searches find it before the removal");
            awaitHandled(consumer, events.removeDemand(id, 2, epoch));
            assertEquals(Optional.empty(), index.item(id.toString()), "removed from the index");
            assertEquals(0, searchHits(index, id), "and from searches");
            assertEquals(Optional.of(new Revision(epoch, 2)), index.indexedRevision(id.toString()),
                    "the removal's revision is kept");
            assertEquals(List.of(id), listener.removed, "the listener is told, once");

            // Neither an old-epoch event delivered late nor a duplicate of the removal changes anything.
            events.publish(Events.demand(id, owner, 7, DemandStatus.OPEN, "旧纪元的需求", "光伏组件清洗", List.of("光伏")));
            awaitHandled(consumer, events.removeDemand(id, 2, epoch));
            assertEquals(Optional.empty(), index.item(id.toString()), "the old epoch cannot bring it back");
            assertEquals(List.of(id), listener.removed);
            assertEquals(1, matched.size(), "only the first state was matched");

            // Published again by its owner, in the resync's epoch: back on the market.
            awaitHandled(consumer, events.publish(Events.demand(id, owner, 3, DemandStatus.OPEN, "重新发布的需求",
                    "光伏组件清洗", List.of("光伏")), EventTypes.DEMAND_OPENED, epoch));
            assertEquals("重新发布的需求", index.item(id.toString()).orElseThrow().title());
            assertEquals(1, searchHits(index, id));

            // A removal in an old epoch, or naming no item, is not: the first is skipped, the second is poison.
            awaitHandled(consumer, events.removeDemand(id, 9, 0));
            assertTrue(index.item(id.toString()).isPresent(), "an old epoch's removal is skipped");
            events.send(demands, "not-an-id", EventJson.write(EventEnvelope.<DemandState>of(EventTypes.DEMAND_REMOVED,
                    "/tests", "not-an-id", new Revision(epoch, 1), null)));
            var poison = dead.awaitRecord(r -> "not-an-id".equals(r.key()), Duration.ofSeconds(10));
            assertEquals("1", new String(poison.headers().lastHeader(DeadLetterQueue.ATTEMPTS).value()));
            // The dead letter is on its topic a moment before the consumer counts it.
            await().atMost(Duration.ofSeconds(10)).until(() -> consumer.deadLettered() >= 1);
            assertEquals(1, consumer.deadLettered(), "only the record naming no item was dead-lettered");
            dead.assertNoRecord(r -> id.toString().equals(r.key()), Duration.ofMillis(500));
            consumer.close();
        }
    }

    @Test
    void aRebuildFromOldHistoryAndAResyncEndsWithExactlyWhatTheProducerStillHas() throws Exception {
        long epoch = 1_767_225_600L;
        UUID owner = UUID.randomUUID();
        UUID rolledBack = UUID.randomUUID();
        UUID gone = UUID.randomUUID();
        UUID draftAgain = UUID.randomUUID();
        UUID lateOldEvent = UUID.randomUUID();
        UUID newAfterResync = UUID.randomUUID();
        UUID removedAchievement = UUID.randomUUID();
        // The history before the crash, in epoch 0.
        for (int v = 1; v <= 5; v++) {
            events.publish(Events.demand(rolledBack, owner, v, DemandStatus.OPEN, "回滚的需求 v" + v, "储能电池热管理", List.of()));
        }
        events.publish(Events.demand(gone, owner, 1, DemandStatus.OPEN, "消失的需求", "储能电池热管理", List.of()));
        events.publish(Events.demand(gone, owner, 2, DemandStatus.OPEN, "消失的需求 v2", "储能电池热管理", List.of()));
        events.publish(Events.demand(draftAgain, owner, 1, DemandStatus.OPEN, "回到草稿的需求", "储能电池热管理", List.of()));
        events.publish(Events.demand(lateOldEvent, owner, 1, DemandStatus.OPEN, "保留的需求", "储能电池热管理", List.of()));
        events.publish(Events.achievement(removedAchievement, owner, 4, AchievementStatus.PUBLISHED, "消失的成果",
                "储能电池热管理", List.of()));
        // The resync: what the database still has, and removals for the rest.
        events.resync(Events.demand(rolledBack, owner, 3, DemandStatus.OPEN, "回滚的需求 v3（重新同步）", "储能电池热管理",
                List.of()), epoch);
        events.removeDemand(gone, 2, epoch);
        events.removeDemand(draftAgain, 1, epoch);
        events.resync(Events.demand(lateOldEvent, owner, 1, DemandStatus.OPEN, "保留的需求（重新同步）", "储能电池热管理",
                List.of()), epoch);
        events.removeAchievement(removedAchievement, 4, epoch);
        // After the resync: an old-epoch event relayed late, and normal events in the new epoch.
        events.publish(Events.demand(lateOldEvent, owner, 9, DemandStatus.CLOSED, "旧纪元的关闭", "储能电池热管理", List.of()));
        events.publish(Events.demand(gone, owner, 3, DemandStatus.OPEN, "旧纪元的消失需求", "储能电池热管理", List.of()));
        events.publish(Events.demand(newAfterResync, owner, 1, DemandStatus.OPEN, "新需求", "储能电池热管理", List.of()),
                EventTypes.DEMAND_OPENED, epoch);

        try (DeadLetterQueue dlq = dlq(); MatchIndex index = MatchIndex.open(folder.resolve("index"))) {
            assertTrue(index.created());
            IndexingConsumer consumer = start(index, dlq);
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.processed() == 18 && !consumer.rebuilding());
            assertEquals(Set.of(rolledBack, lateOldEvent, newAfterResync), Set.copyOf(searchIds(index)),
                    "exactly what the producer still has");
            assertEquals("回滚的需求 v3（重新同步）", index.item(rolledBack.toString()).orElseThrow().title());
            assertEquals(new Revision(epoch, 3), index.indexedRevision(rolledBack.toString()).orElseThrow());
            assertEquals("保留的需求（重新同步）", index.item(lateOldEvent.toString()).orElseThrow().title());
            for (UUID removed : List.of(gone, draftAgain, removedAchievement)) {
                assertEquals(Optional.empty(), index.item(removed.toString()), removed + " stays removed");
            }
            assertEquals(List.of(), matched, "a rebuild only re-indexes");
            assertEquals(List.of(), listener.removed, "and tells nobody about removals already applied");
            assertEquals(0, consumer.deadLettered());
            consumer.close();
        }
    }

    /** The ids that a search for the fixtures' text finds, over both kinds. */
    private static List<UUID> searchIds(MatchIndex index) {
        SearchResult result = new SearchEngine(index.searchers(), index.analyzer()).search(new SearchRequest(
                "储能电池热管理", null, null, null, null, null, null, null, SearchRequest.Sort.RELEVANCE, 0, 50),
                LocalDate.now());
        return result.items().stream().map(SearchResult.Hit::id).toList();
    }

    private static long searchHits(MatchIndex index, UUID id) {
        SearchResult result = new SearchEngine(index.searchers(), index.analyzer()).search(new SearchRequest(
                "光伏组件清洗", null, null, null, null, null, null, null, SearchRequest.Sort.RELEVANCE, 0, 50),
                LocalDate.now());
        return result.items().stream().filter(hit -> hit.id().equals(id)).count();
    }
}

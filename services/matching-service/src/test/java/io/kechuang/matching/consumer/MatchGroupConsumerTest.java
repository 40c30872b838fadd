package io.kechuang.matching.consumer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.common.consumer.BoundedRetry;
import io.kechuang.common.consumer.DeadLetterQueue;
import io.kechuang.events.Revision;
import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.demand.DemandStatus;
import io.kechuang.matching.Events;
import io.kechuang.matching.index.Item;
import io.kechuang.matching.index.MatchIndex;
import io.kechuang.testing.SharedInfrastructure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out against the real broker: two replicas, each with its own index fed by its own indexer, share one
 * matching consumer group. Every replica indexes every item; every item is matched exactly once, by one replica,
 * and only once that replica's index holds it.
 */
class MatchGroupConsumerTest {

    @TempDir
    Path folder;

    private String kafka;
    private String achievements;
    private String demands;
    private String group;
    private Events events;
    private final List<Replica> replicas = new ArrayList<>();

    /** One matching-service replica: an index, an indexer that only indexes, and a member of the matching group. */
    private final class Replica implements AutoCloseable {
        final MatchIndex index;
        final IndexingConsumer indexer;
        final MatchGroupConsumer matcher;
        final DeadLetterQueue dlq;
        /** What this replica matched, with whether its own index held the item at that moment. */
        final List<Item> matched = Collections.synchronizedList(new ArrayList<>());
        final List<Boolean> indexedWhenMatched = Collections.synchronizedList(new ArrayList<>());
        /** Matches into the lists above, and records the removals this replica was handed. */
        final RecordingListener listener;

        Replica(String name) throws Exception {
            index = MatchIndex.open(folder.resolve(name));
            listener = new RecordingListener(item -> {
                indexedWhenMatched.add(index.item(item.id().toString()).isPresent());
                matched.add(item);
            });
            dlq = new DeadLetterQueue("it-dlq-" + group, Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka));
            BoundedRetry retry = new BoundedRetry(3, Duration.ofMillis(10), dlq);
            Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
            indexer = new IndexingConsumer(config, index, null, retry, new IndexingConsumer.Settings(achievements,
                    demands, Duration.ofMillis(100), Duration.ofMillis(200), name + "-indexer"));
            matcher = new MatchGroupConsumer(config, index, indexer, listener, retry, new MatchGroupConsumer.Settings(achievements, demands, group, Duration.ofMillis(100),
                    Duration.ofMillis(300), name + "-matcher"));
        }

        @Override
        public void close() throws Exception {
            matcher.close();
            indexer.close();
            dlq.close();
            index.close();
        }
    }

    @BeforeEach
    void topics() throws Exception {
        kafka = SharedInfrastructure.get().kafkaBootstrapServers();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        achievements = "it-achievements-" + suffix;
        demands = "it-demands-" + suffix;
        group = "it-matching-" + suffix;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            admin.createTopics(List.of(new NewTopic(achievements, 3, (short) 1), new NewTopic(demands, 3, (short) 1),
                    new NewTopic("it-dlq-" + group, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        events = new Events(kafka, achievements, demands);
    }

    @AfterEach
    void close() throws Exception {
        for (Replica r : replicas) {
            r.close();
        }
        events.close();
    }

    private Replica replica(String name) throws Exception {
        Replica r = new Replica(name);
        replicas.add(r);
        return r;
    }

    private List<UUID> publish(int achievementsCount, int demandsCount) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < achievementsCount; i++) {
            UUID id = UUID.randomUUID();
            events.publish(Events.achievement(id, UUID.randomUUID(), 1, AchievementStatus.PUBLISHED, "光伏成果 " + i,
                    "光伏组件清洗机器人", List.of("光伏")));
            ids.add(id);
        }
        for (int i = 0; i < demandsCount; i++) {
            UUID id = UUID.randomUUID();
            events.publish(Events.demand(id, UUID.randomUUID(), 1, DemandStatus.OPEN, "清洗需求 " + i, "光伏组件清洗",
                    List.of("光伏")));
            ids.add(id);
        }
        return ids;
    }

    private List<UUID> matchedIds() {
        return replicas.stream().flatMap(r -> r.matched.stream().map(Item::id)).toList();
    }

    @Test
    void everyItemIsIndexedByEveryReplicaAndMatchedOnceByOne() throws Exception {
        Replica a = replica("a");
        Replica b = replica("b");
        for (Replica r : replicas) {
            r.indexer.start();
            r.matcher.start();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> a.matcher.joined() && b.matcher.joined()
                && a.indexer.assigned() && b.indexer.assigned());

        List<UUID> ids = publish(12, 12);

        await().atMost(Duration.ofSeconds(30)).until(() -> matchedIds().size() >= ids.size());
        // Let any duplicate surface: the group has committed what it matched, so nothing more may arrive.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> matchedIds().size() == ids.size());
        assertEquals(new HashSet<>(ids), new HashSet<>(matchedIds()), "every item matched");
        assertEquals(ids.size(), matchedIds().size(), "and only once across the replicas");
        assertTrue(a.matcher.matched() > 0 && b.matcher.matched() > 0,
                "both replicas share the work: " + a.matcher.matched() + " and " + b.matcher.matched());
        for (Replica r : replicas) {
            assertEquals(ids.size(), r.index.numDocs(), "each replica keeps a full index");
            assertTrue(r.indexedWhenMatched.stream().allMatch(Boolean::booleanValue),
                    "an item is matched only once its replica's index holds it");
        }
    }

    @Test
    void aMemberWaitsForItsIndexBeforeMatchingAndThenMatchesEverything() throws Exception {
        Replica a = replica("late-index");
        a.matcher.start();
        await().atMost(Duration.ofSeconds(30)).until(a.matcher::joined);
        List<UUID> ids = publish(4, 3);

        // The group member sees the records, but its indexer has not run: nothing may be matched yet.
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> a.matched.isEmpty());

        a.indexer.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> a.matched.size() >= ids.size());
        assertEquals(new HashSet<>(ids), new HashSet<>(matchedIds()));
        assertEquals(ids.size(), a.matched.size());
        assertTrue(a.indexedWhenMatched.stream().allMatch(Boolean::booleanValue));
    }

    @Test
    void aStaleVersionIsNotMatchedWhenTheIndexAlreadyHoldsANewerOne() throws Exception {
        Replica a = replica("versions");
        UUID id = UUID.randomUUID();
        UUID owner = UUID.randomUUID();
        // Both versions are on the partition before anything runs, so the index holds v2 when v1 comes up for matching.
        events.publish(Events.achievement(id, owner, 1, AchievementStatus.PUBLISHED, "第一版", "光伏组件清洗", List.of()));
        events.publish(Events.achievement(id, owner, 2, AchievementStatus.PUBLISHED, "第二版", "光伏组件清洗", List.of()));
        a.indexer.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> a.index.numDocs() == 1
                && a.index.indexedRevision(id.toString()).equals(Optional.of(new Revision(0, 2))));
        a.matcher.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> !a.matched.isEmpty());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> a.matched.size() == 1);
        assertEquals(2, a.matched.getFirst().version(), "only the newest version is matched");
        Set<String> titles = new HashSet<>(Stream.of(a.matched.getFirst().title()).toList());
        assertEquals(Set.of("第二版"), titles);
    }

    @Test
    void aResyncIsMatchedAtItsLaterEpochAndARemovalReachesTheListenerThoughTheItemIsNoLongerIndexed() throws Exception {
        Replica a = replica("resync");
        long epoch = 1_767_225_600L;
        UUID resynced = UUID.randomUUID();
        UUID removed = UUID.randomUUID();
        UUID owner = UUID.randomUUID();
        events.publish(Events.achievement(resynced, owner, 5, AchievementStatus.PUBLISHED, "第五版", "光伏组件清洗", List.of()));
        events.resync(Events.achievement(resynced, owner, 3, AchievementStatus.PUBLISHED, "第三版（重新同步）", "光伏组件清洗",
                List.of()), epoch);
        events.publish(Events.achievement(resynced, owner, 6, AchievementStatus.PUBLISHED, "第六版（旧纪元）", "光伏组件清洗",
                List.of()));
        events.publish(Events.demand(removed, owner, 2, DemandStatus.OPEN, "将被移除的需求", "光伏组件清洗", List.of()));
        events.removeDemand(removed, 2, epoch);
        events.publish(Events.demand(removed, owner, 3, DemandStatus.OPEN, "旧纪元的需求", "光伏组件清洗", List.of()));
        // The index has applied everything before matching starts, as in the stale-version test above.
        a.indexer.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> a.indexer.processed() == 6);
        assertEquals(Optional.of(new Revision(epoch, 3)), a.index.indexedRevision(resynced.toString()));
        assertEquals(Optional.of(new Revision(epoch, 2)), a.index.indexedRevision(removed.toString()));
        assertEquals(Optional.empty(), a.index.item(removed.toString()));

        a.matcher.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> !a.matched.isEmpty() && !a.listener.removed.isEmpty());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> a.matched.size() == 1 && a.listener.removed.size() == 1);
        assertEquals("第三版（重新同步）", a.matched.getFirst().title(), "only the resync's state is matched");
        assertEquals(List.of(removed), a.listener.removed, "the removal is handed on once");
        assertEquals(0, a.matcher.deadLettered() + a.indexer.deadLettered(), "nothing is dead-lettered");
    }
}

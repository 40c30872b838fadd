package io.kechuang.matching.deadletter;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.kechuang.common.consumer.BoundedRetry;
import io.kechuang.common.consumer.DeadLetterQueue;
import io.kechuang.events.Topics;
import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.demand.DemandStatus;
import io.kechuang.matching.Events;
import io.kechuang.matching.MatchingEngine;
import io.kechuang.matching.consumer.IndexingConsumer;
import io.kechuang.matching.consumer.ItemListener;
import io.kechuang.matching.index.Item;
import io.kechuang.matching.index.MatchIndex;
import io.kechuang.testing.TestTokens;
import io.kechuang.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The indexer's dead letters, replayed into every replica: this service (replica one, whose matching the database
 * refuses for one demand: a trigger, the switch of this test only) and a second replica built here on its own index,
 * whose matching fails for the same demand (a switch in its test listener). Both dead-letter the demand's event; the
 * list shows replica one's with its error and origin; after the causes are fixed, one replay through the API applies
 * it on replica one at once and on replica two through {@code matching.replay}; the suggestion exists once, and
 * replaying again duplicates nothing.
 */
@QuarkusTest
class IndexerDeadLetterReplayTest {

    private static final String DEAD_LETTERS = "/api/matches/dead-letters";
    private static final String SUMMARY = "一种面向大型地面光伏电站的轨道式无水清洗机器人，采用柔性毛刷与静电除尘相结合，"
            + "自动跨越组件阵列间隙，清洗后组件发电效率提升8%以上，适合西北干旱少水地区。";
    private static final String PROBLEM = "我们运营多个光伏电站，组件表面积灰导致发电量下降，人工清洗成本高、用水多。"
            + "需要一种自动化的光伏组件清洗设备或机器人，能够节水并适应大面积阵列。";

    @Inject
    MatchingEngine engine;

    @Inject
    AgroalDataSource database;

    @TempDir
    Path folder;

    private String kafka;
    private Events events;
    private final UUID university = UUID.randomUUID();
    private final UUID enterprise = UUID.randomUUID();

    @BeforeEach
    void open() throws SQLException {
        kafka = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        events = new Events(kafka);
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.consumer().assigned());
        sql("""
                create table if not exists dead_letter_test_refused (demand_id uuid primary key);
                create or replace function dead_letter_test_refuse() returns trigger language plpgsql as $$
                begin
                    if exists (select 1 from dead_letter_test_refused r where r.demand_id = new.demand_id) then
                        raise exception 'refused by the test: suggestions of demand %', new.demand_id;
                    end if;
                    return new;
                end $$;
                drop trigger if exists dead_letter_test_refuse on match_suggestion;
                create trigger dead_letter_test_refuse before insert or update on match_suggestion
                    for each row execute function dead_letter_test_refuse();
                """);
    }

    @AfterEach
    void close() throws SQLException {
        events.close();
        sql("drop trigger if exists dead_letter_test_refuse on match_suggestion; "
                + "drop table if exists dead_letter_test_refused");
    }

    @Test
    void aReplayOfTheIndexersDeadLetterReachesEveryReplicaAndAppliesOnce() throws Exception {
        String replicaTwoDlq = "replica-two.dlq-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            admin.createTopics(List.of(new NewTopic(replicaTwoDlq, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        UUID achievement = UUID.randomUUID();
        UUID demand = UUID.randomUUID();
        sql("insert into dead_letter_test_refused values ('" + demand + "')");
        List<UUID> replicaTwoMatched = Collections.synchronizedList(new ArrayList<>());
        boolean[] replicaTwoBroken = {true};
        ItemListener replicaTwoMatcher = new ItemListener() {
            @Override
            public void indexed(Item item) {
                if (item.id().equals(demand)) {
                    if (replicaTwoBroken[0]) {
                        throw new IllegalStateException("replica two cannot match " + demand + " yet");
                    }
                    replicaTwoMatched.add(item.id());
                }
            }

            @Override
            public void removed(Item.Kind kind, UUID id) {
            }
        };
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (DeadLetterQueue replicaTwoDeadLetters = new DeadLetterQueue(replicaTwoDlq, Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ProducerConfig.ACKS_CONFIG, "all"));
                MatchIndex replicaTwoIndex = MatchIndex.open(folder.resolve("replica-two"));
                TopicProbe replicaOneDlq = TopicProbe.open(kafka, Topics.MATCHING_DLQ_SPEC.name());
                TopicProbe replicaTwoDlqProbe = TopicProbe.open(kafka, replicaTwoDlq)) {
            BoundedRetry retry = new BoundedRetry(2, Duration.ofMillis(10), replicaTwoDeadLetters);
            IndexingConsumer replicaTwo = new IndexingConsumer(config, replicaTwoIndex, replicaTwoMatcher, retry,
                    new IndexingConsumer.Settings(Topics.ACHIEVEMENTS, Topics.DEMANDS, Duration.ofMillis(100),
                            Duration.ofMillis(200), "replica-two-indexer"));
            IndexReplays replicaTwoReplays = new IndexReplays(config, Topics.MATCHING_REPLAY, replicaTwo, retry,
                    Duration.ofMillis(100));
            try {
                replicaTwo.start();
                replicaTwoReplays.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> replicaTwo.assigned() && !replicaTwo.rebuilding());

                events.publish(Events.achievement(achievement, university, 1, AchievementStatus.PUBLISHED,
                        "光伏组件智能清洗机器人", SUMMARY, List.of("光伏组件", "清洗机器人", "无水清洗")));
                events.publish(Events.demand(demand, enterprise, 1, DemandStatus.OPEN, "光伏组件自动清洗", PROBLEM,
                        List.of("光伏组件清洗", "光伏电站")));

                // Both replicas index the demand, fail to match it, and dead-letter it: each its own.
                replicaTwoDlqProbe.awaitRecord(r -> demand.toString().equals(r.key()), Duration.ofSeconds(30));
                JsonPath letter = awaitListed(demand.toString());
                String id = letter.getString("id");
                assertEquals(MatchingDeadLetters.INDEXER + "-demands", letter.getString("consumer")); // the demand loop
                assertEquals(Topics.DEMANDS, letter.getString("originalTopic"));
                assertTrue(letter.getString("error").contains("refused by the test"), letter.getString("error"));
                assertEquals(4, letter.getInt("attempts"));
                assertEquals("kechuang.demand.opened", letter.getString("eventType"));
                assertEquals(0, suggestionRows(demand, achievement));

                // Still refused: the replay fails, publishes nothing to the other replicas, adds no dead letter.
                admin().post(DEAD_LETTERS + "/" + id + "/replay").then().statusCode(200)
                        .body("outcome", equalTo("FAILED")).body("error", containsString("refused by the test"));

                // Fixed on both replicas: one replay applies it on each.
                sql("delete from dead_letter_test_refused");
                replicaTwoBroken[0] = false;
                long replaysBefore = replicaTwoReplays.processed();
                admin().post(DEAD_LETTERS + "/" + id + "/replay").then().statusCode(200)
                        .body("outcome", equalTo("APPLIED"))
                        .body("consumer", equalTo(MatchingDeadLetters.INDEXER + "-demands"));
                assertEquals(1, suggestionRows(demand, achievement), "replica one matched it");
                await().atMost(Duration.ofSeconds(30)).until(() -> replicaTwoMatched.contains(demand));
                await().atMost(Duration.ofSeconds(30)).until(() -> replicaTwoReplays.processed() > replaysBefore);

                // Again: harmless everywhere.
                admin().post(DEAD_LETTERS + "/" + id + "/replay").then().statusCode(200)
                        .body("outcome", equalTo("APPLIED"));
                await().atMost(Duration.ofSeconds(30)).until(() -> replicaTwoReplays.processed() > replaysBefore + 1);
                assertEquals(1, suggestionRows(demand, achievement), "one suggestion for the pair");
                assertEquals(0, duplicatePairs(demand));
                assertEquals(1L, replicaOneDlq.records().stream().filter(r -> demand.toString().equals(r.key())).count(),
                        "no second dead letter on replica one");
                assertEquals(1L, replicaTwoDlqProbe.records().stream().filter(r -> demand.toString().equals(r.key()))
                        .count(), "none on replica two either");

                // Audited, newest first, shown with the dead letter.
                JsonPath audited = admin().get(DEAD_LETTERS + "/" + id).then().statusCode(200).extract().jsonPath();
                assertTrue(audited.getBoolean("replayed"));
                assertEquals("platform-admin", audited.getString("replayedBy"));
                assertEquals(List.of("APPLIED", "APPLIED", "FAILED"), audited.getList("replays.outcome"));
                assertEquals(3, auditRows(id));
            } finally {
                replicaTwoReplays.close();
                replicaTwo.close();
            }
        }
    }

    @Test
    void onlyAdminsMayListOrReplayAndBadIdsAreProblems() {
        given().auth().oauth2(TestTokens.enterprise(enterprise)).get(DEAD_LETTERS).then().statusCode(403);
        given().auth().oauth2(TestTokens.broker(UUID.randomUUID())).post(DEAD_LETTERS + "/replay").then()
                .statusCode(403);
        admin().get(DEAD_LETTERS + "/0_1").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("id"));
        admin().post(DEAD_LETTERS + "/5-1/replay").then().statusCode(404).contentType("application/problem+json");
        admin().queryParam("limit", 501).post(DEAD_LETTERS + "/replay").then().statusCode(400)
                .body("errors.field", hasItem("limit"));
        assertFalse(admin().get(DEAD_LETTERS).then().statusCode(200).extract().jsonPath().getInt("size") > 100);
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.admin());
    }

    private JsonPath awaitListed(String key) {
        JsonPath[] found = {null};
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonPath page = admin().queryParam("size", 100).get(DEAD_LETTERS).then().statusCode(200).extract()
                    .jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            for (int i = 0; i < items.size(); i++) {
                if (key.equals(items.get(i).get("key"))) {
                    found[0] = JsonPath.from(page.prettify()).setRootPath("items[" + i + "]");
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private int suggestionRows(UUID demand, UUID achievement) throws SQLException {
        return count("select count(*) from match_suggestion where demand_id = '" + demand + "' and achievement_id = '"
                + achievement + "'");
    }

    private int duplicatePairs(UUID demand) throws SQLException {
        return count("select count(*) - count(distinct achievement_id) from match_suggestion where demand_id = '"
                + demand + "'");
    }

    private int auditRows(String id) throws SQLException {
        String[] place = id.split("-");
        return count("select count(*) from dead_letter_replay where dlq_topic = 'matching.dlq' and dlq_partition = "
                + Integer.parseInt(place[0]) + " and dlq_offset = " + Long.parseLong(place[1])
                + " and replayed_by = 'platform-admin' and finished_at is not null");
    }

    private int count(String query) throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery(query)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private void sql(String statements) throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute(statements);
        }
    }
}

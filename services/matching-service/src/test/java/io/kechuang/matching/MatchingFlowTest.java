package io.kechuang.matching;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.common.consumer.DeadLetterQueue;
import io.kechuang.events.Topics;
import io.kechuang.events.achievement.AchievementState;
import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.demand.DemandState;
import io.kechuang.events.demand.DemandStatus;
import io.kechuang.matching.index.MatchIndex;
import io.kechuang.matching.scoring.ScoringConfig;
import io.kechuang.testing.TestTokens;
import io.kechuang.testing.TopicProbe;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MatchingFlowTest {

    /** Health and metrics are on the management interface (paths relative to its root, /q), not the public port. */
    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "/health/live", management = true)
    URL live;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    private static final String ROBOT_SUMMARY = "一种面向大型地面光伏电站的轨道式无水清洗机器人，采用柔性毛刷与静电除尘相结合，"
            + "自动跨越组件阵列间隙，清洗后组件发电效率提升8%以上，适合西北干旱少水地区。";
    private static final String CLEANING_PROBLEM = "我们运营多个光伏电站，组件表面积灰导致发电量下降，人工清洗成本高、用水多。"
            + "需要一种自动化的光伏组件清洗设备或机器人，能够节水并适应大面积阵列。";

    @Inject
    MatchingEngine engine;

    @Inject
    MatchIndex index;

    private final UUID university = UUID.randomUUID();
    private final UUID enterprise = UUID.randomUUID();
    private Events events;
    private TopicProbe matches;

    @BeforeEach
    void open() {
        String kafka = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        events = new Events(kafka);
        matches = TopicProbe.open(kafka, Topics.MATCHES);
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.consumer().assigned());
    }

    @AfterEach
    void close() {
        events.close();
        matches.close();
    }

    /** GPath to the suggestion of one achievement in a page of suggestions. */
    private static String pair(UUID achievementId) {
        return "items.find { it.achievement.id == '" + achievementId + "' }";
    }

    private ValidatableResponse suggestionsForDemand(String token, UUID demandId) {
        // Other tests publish similar achievements: ask for every suggestion, not just the first page.
        return given().auth().oauth2(token).queryParam("size", 100).get("/api/matches/demands/" + demandId + "/suggestions").then();
    }

    private AchievementState robot(UUID id, long version, AchievementStatus status, String title) {
        return Events.achievement(id, university, version, status, title, ROBOT_SUMMARY,
                List.of("光伏组件", "清洗机器人", "无水清洗"));
    }

    private DemandState cleaningDemand(UUID id, long version) {
        return Events.demand(id, enterprise, version, DemandStatus.OPEN, "光伏组件自动清洗", CLEANING_PROBLEM,
                List.of("光伏组件清洗", "光伏电站"));
    }

    @Test
    void publishedAchievementAndOpenedDemandBecomeAnExplainedSuggestionWithinASecond() {
        UUID achievementId = UUID.randomUUID();
        UUID demandId = UUID.randomUUID();
        events.publish(robot(achievementId, 1, AchievementStatus.PUBLISHED, "光伏组件智能清洗机器人"));
        // The demand is opened on a market that holds the achievement. (The two topics have loops of their own, so a
        // demand published at the same moment could be matched first and the pair scored from the achievement's side.)
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> index.indexedRevision(achievementId.toString()).isPresent());
        long start = System.nanoTime();
        events.publish(cleaningDemand(demandId, 1));

        String owner = TestTokens.enterprise(enterprise);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> suggestionsForDemand(owner, demandId).statusCode(200)
                        .body("items.achievement.id", hasItem(achievementId.toString())));
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        // The target is well under a second (see bench/RESULTS.md); the bound leaves room for a busy CI machine.
        assertTrue(millis < 2000, "suggestion visible " + millis + " ms after the demand event");
        System.out.println("Suggestion visible " + millis + " ms after the demand event");

        String pair = pair(achievementId);
        suggestionsForDemand(owner, demandId)
                .body(pair + ".achievement.title", equalTo("光伏组件智能清洗机器人"))
                .body(pair + ".status", equalTo("SUGGESTED"))
                .body(pair + ".score", greaterThan(0.5f))
                .body(pair + ".confidence", equalTo("STRONG"))
                .body(pair + ".breakdown.TEXT.weight", equalTo((float) ScoringConfig.Ranking.hybridDefaults().weights().text()))
                .body(pair + ".breakdown.FIELD.value", equalTo(1.0f))
                .body(pair + ".explanation.matchedTerms", hasItems("光伏组件", "清洗"))
                .body(pair + ".explanation.demandHighlights[0]", org.hamcrest.Matchers.containsString("<em>"))
                .body(pair + ".explanation.achievementHighlights[0]", org.hamcrest.Matchers.containsString("<em>"))
                .body(pair + ".explanation.reasons.feature", hasItems("TEXT", "FIELD", "MATURITY", "COOPERATION", "BUDGET", "REGION"))
                .body(pair + ".explanation.reasons.find { it.feature == 'MATURITY' }.effect", equalTo("RAISED"));

        String matchId = suggestionsForDemand(owner, demandId).extract().path(pair + ".id");
        ConsumerRecord<String, String> event = matches.awaitRecord(r -> r.key().equals(matchId), Duration.ofSeconds(10));
        assertTrue(event.value().contains("\"type\":\"kechuang.match.suggested\""), event.value());
        assertTrue(event.value().contains(university.toString()) && event.value().contains(enterprise.toString()),
                "both owner organisations travel with the event");

        // The university sees it from its side; a broker sees both; strangers see nothing.
        given().auth().oauth2(TestTokens.university(university)).get("/api/matches/achievements/" + achievementId + "/suggestions")
                .then().statusCode(200).body("items.id", hasItem(matchId));
        given().auth().oauth2(TestTokens.broker(UUID.randomUUID())).get("/api/matches/" + matchId).then().statusCode(200)
                .body("achievement.id", equalTo(achievementId.toString()))
                .body("explanation.matchedTerms", hasItem("清洗"));
        suggestionsForDemand(TestTokens.enterprise(UUID.randomUUID()), demandId).statusCode(404);
        given().auth().oauth2(TestTokens.enterprise(UUID.randomUUID())).get("/api/matches/" + matchId).then().statusCode(404);
        given().auth().oauth2(TestTokens.university(UUID.randomUUID())).get("/api/matches/achievements/" + achievementId + "/suggestions")
                .then().statusCode(404);
        given().get("/api/matches/" + matchId).then().statusCode(401);
    }

    @Test
    void anUpdateRescoresTheSuggestionInPlace() {
        UUID achievementId = UUID.randomUUID();
        UUID demandId = UUID.randomUUID();
        events.publish(cleaningDemand(demandId, 1));
        events.publish(robot(achievementId, 1, AchievementStatus.PUBLISHED, "光伏组件智能清洗机器人"));
        String owner = TestTokens.enterprise(enterprise);
        String pair = pair(achievementId);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> suggestionsForDemand(owner, demandId)
                .body("items.achievement.id", hasItem(achievementId.toString())));
        ValidatableResponse before = suggestionsForDemand(owner, demandId);
        String id = before.extract().path(pair + ".id");
        float score = before.extract().path(pair + ".score");
        matches.awaitRecord(r -> r.key().equals(id), Duration.ofSeconds(10));

        // The university narrows the listing: a lower maturity and no licence, so the score drops.
        AchievementState narrowed = new AchievementState(achievementId, university, AchievementStatus.PUBLISHED, 2,
                "光伏组件智能清洗机器人（实验室样机）", ROBOT_SUMMARY, null, List.of("光伏组件", "清洗机器人", "无水清洗"),
                io.kechuang.events.taxonomy.TechnicalField.NEW_ENERGY, List.of(), io.kechuang.events.achievement.IpType.INVENTION_PATENT,
                List.of(), 3, io.kechuang.events.achievement.MaturityStage.LAB,
                java.util.Set.of(io.kechuang.events.taxonomy.CooperationMode.EQUITY_INVESTMENT), null, true, List.of(), List.of(),
                "510100", "zh", java.time.LocalDate.now().plusYears(1), java.time.OffsetDateTime.now(), java.time.OffsetDateTime.now());
        events.publish(narrowed);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> suggestionsForDemand(owner, demandId)
                .body(pair + ".achievement.title", equalTo("光伏组件智能清洗机器人（实验室样机）")));
        ValidatableResponse after = suggestionsForDemand(owner, demandId);
        assertEquals(id, after.extract().path(pair + ".id"), "same row, rescored in place");
        float newScore = after.extract().path(pair + ".score");
        assertTrue(newScore < score, "score fell from " + score + " to " + newScore);
        after.body(pair + ".explanation.reasons.find { it.feature == 'MATURITY' }.effect", equalTo("LOWERED"))
                .body(pair + ".explanation.reasons.find { it.feature == 'COOPERATION' }.effect", equalTo("LOWERED"));
        matches.assertNoRecord(r -> r.key().equals(id) && r.value().contains("\"aggregateVersion\":1"), Duration.ofSeconds(1));
        assertEquals(1, matches.records().stream().filter(r -> r.key().equals(id)).count(), "no second suggested event");
    }

    @Test
    void aWithdrawnAchievementLeavesTheSuggestions() {
        UUID achievementId = UUID.randomUUID();
        UUID demandId = UUID.randomUUID();
        events.publish(robot(achievementId, 1, AchievementStatus.PUBLISHED, "光伏组件智能清洗机器人"));
        events.publish(cleaningDemand(demandId, 1));
        String owner = TestTokens.enterprise(enterprise);
        String pair = pair(achievementId);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> suggestionsForDemand(owner, demandId)
                .body("items.achievement.id", hasItem(achievementId.toString())));
        String id = suggestionsForDemand(owner, demandId).extract().path(pair + ".id");

        events.publish(robot(achievementId, 2, AchievementStatus.WITHDRAWN, "光伏组件智能清洗机器人"));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> suggestionsForDemand(owner, demandId)
                .body("items.achievement.id", not(hasItem(achievementId.toString()))));
        given().auth().oauth2(owner).queryParam("status", "EXPIRED").get("/api/matches/demands/" + demandId + "/suggestions")
                .then().body("items.id", hasItem(id)).body(pair + ".status", equalTo("EXPIRED"));
        ConsumerRecord<String, String> changed = matches.awaitRecord(
                r -> r.key().equals(id) && r.value().contains("kechuang.match.status-changed"), Duration.ofSeconds(10));
        assertTrue(changed.value().contains("\"status\":\"EXPIRED\""), changed.value());

        // A new demand on the same subject no longer finds the withdrawn achievement.
        UUID second = UUID.randomUUID();
        events.publish(cleaningDemand(second, 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> index.item(second.toString()).isPresent());
        suggestionsForDemand(owner, second).statusCode(200).body("items.achievement.id", not(hasItem(achievementId.toString())));
    }

    @Test
    void duplicateAndOutOfOrderEventsChangeNothing() throws Exception {
        UUID achievementId = UUID.randomUUID();
        long before = engine.consumer().processed();
        events.publish(robot(achievementId, 5, AchievementStatus.PUBLISHED, "第五版"));
        events.publish(robot(achievementId, 4, AchievementStatus.WITHDRAWN, "第四版（迟到）"));
        events.publish(robot(achievementId, 5, AchievementStatus.WITHDRAWN, "第五版（重复版本号）"));

        await().atMost(Duration.ofSeconds(10)).until(() -> engine.consumer().processed() >= before + 3);
        var item = index.item(achievementId.toString()).orElseThrow();
        assertEquals(5, item.version());
        assertEquals("第五版", item.title(), "neither the stale v4 nor the duplicate v5 replaced it");
        assertTrue(item.active(), "the stale and duplicate withdrawals were ignored");
    }

    @Test
    void aResyncReplacesWhatALostHistoryLeftEvenAtALowerVersionAndTheOldEpochIsSkippedAfterwards() throws Exception {
        UUID achievementId = UUID.randomUUID();
        UUID demandId = UUID.randomUUID();
        events.publish(cleaningDemand(demandId, 1));
        events.publish(robot(achievementId, 5, AchievementStatus.PUBLISHED, "光伏组件智能清洗机器人（丢失的第五版）"));
        String owner = TestTokens.enterprise(enterprise);
        String pair = pair(achievementId);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> suggestionsForDemand(owner, demandId)
                .body(pair + ".achievement.title", equalTo("光伏组件智能清洗机器人（丢失的第五版）")));
        String id = suggestionsForDemand(owner, demandId).extract().path(pair + ".id");

        // The university's database came back at v3; its resync republishes that in a new epoch.
        long epoch = java.time.Instant.now().getEpochSecond();
        events.resync(robot(achievementId, 3, AchievementStatus.PUBLISHED, "光伏组件智能清洗机器人（重新同步）"), epoch);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> suggestionsForDemand(owner, demandId)
                .body(pair + ".achievement.title", equalTo("光伏组件智能清洗机器人（重新同步）")));
        assertEquals(id, suggestionsForDemand(owner, demandId).extract().path(pair + ".id"), "rescored in place");

        // An event of the lost history, relayed late: a higher version in the old epoch.
        var late = events.publish(robot(achievementId, 6, AchievementStatus.WITHDRAWN, "光伏组件智能清洗机器人（旧纪元）"));
        assertTrue(engine.consumer().awaitIndexed(late.topic(), late.partition(), late.offset(), Duration.ofSeconds(10)));
        var item = index.item(achievementId.toString()).orElseThrow();
        assertEquals("光伏组件智能清洗机器人（重新同步）", item.title());
        assertTrue(item.active(), "the old epoch's withdrawal was skipped");
        assertEquals(java.util.Optional.of(new io.kechuang.events.Revision(epoch, 3)),
                index.indexedRevision(achievementId.toString()));
        suggestionsForDemand(owner, demandId).body(pair + ".status", equalTo("SUGGESTED"))
                .body(pair + ".achievement.title", equalTo("光伏组件智能清洗机器人（重新同步）"));
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterTopicAndTheNextRecordIsProcessed() {
        String kafka = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        String key = UUID.randomUUID().toString();
        try (TopicProbe dlq = TopicProbe.open(kafka, Topics.MATCHING_DLQ_SPEC.name())) {
            events.send(Topics.ACHIEVEMENTS, key, "{this is not an event");
            UUID next = UUID.fromString(key);
            events.publish(robot(next, 1, AchievementStatus.PUBLISHED, "毒消息之后的成果"));

            ConsumerRecord<String, String> dead = dlq.awaitRecord(r -> key.equals(r.key()), Duration.ofSeconds(15));
            assertEquals("{this is not an event", dead.value());
            assertEquals(Topics.ACHIEVEMENTS, header(dead, DeadLetterQueue.ORIGINAL_TOPIC));
            assertTrue(header(dead, DeadLetterQueue.ERROR).contains("MalformedEvent"), header(dead, DeadLetterQueue.ERROR));
            await().atMost(Duration.ofSeconds(10)).until(() -> index.item(key).isPresent());
        }
    }

    @Test
    void readinessAndMetricsCoverTheIndexAndTheConsumer() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(ready).then().statusCode(200)
                .body("checks.find { it.name == 'Matching index and consumer' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Matching index and consumer' }.data.lag", notNullValue()));
        given().get(metrics).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("kechuang_matching_index_documents"))
                .body(org.hamcrest.Matchers.containsString("kechuang_matching_consumer_lag"))
                .body(org.hamcrest.Matchers.containsString("kechuang_matching_index_bytes"));
        assertFalse(engine.consumer().rebuilding());
    }

    @Test
    void livenessWatchesTheIndexingConsumerAndMetricsCountItsRestarts() {
        given().get(live).then().statusCode(200)
                .body("checks.find { it.name == 'Kafka consumers' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'Kafka consumers' }.data.'matching-indexer-achievements'",
                        org.hamcrest.Matchers.startsWith("running"))
                .body("checks.find { it.name == 'Kafka consumers' }.data.'matching-indexer-demands'",
                        org.hamcrest.Matchers.startsWith("running"));
        given().get(metrics).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("kechuang_matching_consumer_restarts_total"));
    }

    private static String header(ConsumerRecord<String, String> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}

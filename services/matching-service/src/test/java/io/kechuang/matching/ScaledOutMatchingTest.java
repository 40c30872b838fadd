package io.kechuang.matching;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.events.Topics;
import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.demand.DemandStatus;
import io.kechuang.matching.index.MatchIndex;
import io.kechuang.testing.TestTokens;
import io.kechuang.testing.TopicProbe;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The service in scale-out mode ({@code kechuang.matching.match-group} set): the indexer only indexes, the
 * matching group member computes the suggestion, and readiness reports the group.
 */
@QuarkusTest
@TestProfile(ScaledOutMatchingTest.ScaledOut.class)
class ScaledOutMatchingTest {

    /** Readiness, on the management interface (the path is relative to its root, /q). */
    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    public static final class ScaledOut implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A group of its own: it starts at the beginning of the shared topics.
            return Map.of("kechuang.matching.match-group", "matching-it-" + UUID.randomUUID());
        }
    }

    @Inject
    MatchingEngine engine;

    @Inject
    MatchIndex index;

    @Inject
    io.kechuang.matching.directory.Directory directory;

    @Test
    void theMatchingGroupComputesTheSuggestionAndReadinessReportsIt() {
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.matchGroup() != null && engine.matchGroup().joined()
                && engine.consumer().assigned());
        UUID university = UUID.randomUUID();
        UUID enterprise = UUID.randomUUID();
        UUID achievementId = UUID.randomUUID();
        UUID demandId = UUID.randomUUID();
        String kafka = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        long before = engine.matchGroup().matched();
        try (Events events = new Events(kafka)) {
            events.publish(Events.achievement(achievementId, university, 1, AchievementStatus.PUBLISHED,
                    "锂离子电池健康状态在线估计", "基于增量容量分析的锂离子电池健康状态估计方法，误差小于2%，可嵌入电池管理系统。",
                    List.of("锂离子电池", "健康状态", "电池管理系统")));
            events.publish(Events.demand(demandId, enterprise, 1, DemandStatus.OPEN, "动力电池健康状态估计",
                    "需要在电池管理系统中在线估计锂离子电池健康状态，误差小于3%。", List.of("电池健康状态", "锂离子电池")));
        }
        String owner = TestTokens.enterprise(enterprise);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> given()
                .auth().oauth2(owner).get("/api/matches/demands/" + demandId + "/suggestions").then().statusCode(200)
                .body("items.achievement.id", hasItem(achievementId.toString())));
        given().auth().oauth2(owner).get("/api/matches/demands/" + demandId + "/suggestions").then()
                .body("items.find { it.achievement.id == '" + achievementId + "' }.explanation.matchedTerms",
                        not(empty()));
        assertTrue(engine.matchGroup().matched() >= before + 2, "the group member matched both items");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(ready).then().statusCode(200)
                .body("checks.find { it.name == 'Matching index and consumer' }.data.matchGroupRunning", equalTo(true)));
    }

    @Test
    void aResyncRemovalIsHandledByTheGroupThoughItsItemIsNoLongerIndexed() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.matchGroup() != null && engine.matchGroup().joined()
                && engine.consumer().assigned());
        String topic = "秸秆还田快速腐熟菌剂";
        UUID enterprise = UUID.randomUUID();
        UUID demandId = UUID.randomUUID();
        UUID introducedAchievement = UUID.randomUUID();
        UUID suggestedAchievement = UUID.randomUUID();
        String kafka = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        String owner = TestTokens.enterprise(enterprise);
        UUID brokerOrg = UUID.randomUUID();
        String broker = TestTokens.forUser("broker-zhao").org(brokerOrg, "BROKERAGE").groups("BROKER").mint();
        try (Identities identities = new Identities(kafka, directory)) {
            identities.broker("broker-zhao", brokerOrg, "赵经理");
        }
        try (Events events = new Events(kafka); TopicProbe dlq = TopicProbe.open(kafka, Topics.MATCHING_DLQ_SPEC.name())) {
            for (UUID a : List.of(introducedAchievement, suggestedAchievement)) {
                events.publish(Events.bareAchievement(a, UUID.randomUUID(), 1, AchievementStatus.PUBLISHED, topic));
            }
            events.publish(Events.bareDemand(demandId, enterprise, 1, DemandStatus.OPEN, topic));
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(owner)
                    .get("/api/matches/demands/" + demandId + "/suggestions").then().statusCode(200)
                    .body("items.achievement.id", hasItems(introducedAchievement.toString(), suggestedAchievement.toString())));
            String introduced = matchId(owner, demandId, introducedAchievement);
            String suggested = matchId(owner, demandId, suggestedAchievement);
            given().auth().oauth2(broker).contentType(ContentType.JSON).post("/api/matches/" + introduced + "/introduce")
                    .then().statusCode(200).body("status", equalTo("INTRODUCED"));

            events.removeDemand(demandId, 1, java.time.Instant.now().getEpochSecond());
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(broker)
                    .get("/api/matches/" + suggested).then().statusCode(200).body("status", equalTo("EXPIRED")));
            given().auth().oauth2(broker).get("/api/matches/" + introduced).then().statusCode(200)
                    .body("status", equalTo("INTRODUCED")).body("flaggedReason", equalTo("demand REMOVED"));
            assertTrue(index.item(demandId.toString()).isEmpty(), "out of this replica's index");
            dlq.assertNoRecord(r -> demandId.toString().equals(r.key()), Duration.ofMillis(500));
        }
    }

    private static String matchId(String token, UUID demandId, UUID achievementId) {
        return given().auth().oauth2(token).get("/api/matches/demands/" + demandId + "/suggestions").then()
                .extract().path("items.find { it.achievement.id == '" + achievementId + "' }.id");
    }
}

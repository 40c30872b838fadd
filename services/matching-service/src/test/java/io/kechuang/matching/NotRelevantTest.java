package io.kechuang.matching;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.events.Topics;
import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.demand.DemandStatus;
import io.kechuang.testing.TestTokens;
import io.kechuang.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An owner's "not relevant" on one of its own suggestions: who may say it (the demand's enterprise or the
 * achievement's university, nobody else), what it does to the pair (DECLINED as NOT_RELEVANT, out of the lists and
 * the queue, an event on matches.v1) and what it records (who and when, in the audit trail).
 */
@QuarkusTest
class NotRelevantTest {

    @Inject
    MatchingEngine engine;

    private Events events;
    private TopicProbe matches;
    @Inject
    io.kechuang.matching.directory.Directory directory;

    private final UUID brokerOrg = UUID.randomUUID();
    private final String broker = TestTokens.forUser("broker-zhao").org(brokerOrg, "BROKERAGE")
            .groups("BROKER").mint();

    @BeforeEach
    void open() {
        String kafka = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        events = new Events(kafka);
        matches = TopicProbe.open(kafka, Topics.MATCHES);
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.consumer().assigned());
        try (Identities identities = new Identities(kafka, directory)) {
            identities.broker("broker-zhao", brokerOrg, "赵经理");
        }
    }

    @AfterEach
    void close() {
        events.close();
        matches.close();
    }

    /** A suggested pair on a topic that shares no bigram with any other fixture. */
    private SuggestedPair newPair(String topic) {
        return SuggestedPair.publish(events, topic);
    }

    private static ValidatableResponse notRelevant(String token, SuggestedPair p, Object body) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON);
        if (body != null) {
            request = request.body(body);
        }
        return request.post("/api/matches/" + p.matchId() + "/not-relevant").then();
    }

    @Test
    void theDemandsEnterpriseMarksASuggestionNotRelevantAndNobodyElseCan() {
        SuggestedPair p = newPair("盾构机主轴承密封失效预警");
        String owner = TestTokens.enterprise(p.enterprise());

        // Anyone who cannot see the match: 404 as problem+json, the same answer as for an unknown id.
        for (String stranger : new String[] {TestTokens.enterprise(UUID.randomUUID()),
            TestTokens.university(UUID.randomUUID()), TestTokens.partner(UUID.randomUUID())}) {
            notRelevant(stranger, p, null).statusCode(404).contentType(startsWith("application/problem+json"))
                    .body("detail", not(containsString(p.demandId().toString())));
        }
        given().auth().oauth2(owner).contentType(ContentType.JSON)
                .post("/api/matches/" + UUID.randomUUID() + "/not-relevant").then().statusCode(404);
        // Who sees it but owns neither side in that role: 403.
        notRelevant(broker, p, null).statusCode(403).contentType(startsWith("application/problem+json"));
        notRelevant(TestTokens.admin(), p, null).statusCode(403);
        notRelevant(TestTokens.forUser("u-as-enterprise").org(p.university(), "UNIVERSITY").groups("ENTERPRISE").mint(),
                p, null).statusCode(403);
        // A reason longer than 1,000 characters; a stale If-Match.
        notRelevant(owner, p, Map.of("reason", "长".repeat(1001))).statusCode(400)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(owner).contentType(ContentType.JSON).header("If-Match", "\"99\"")
                .post("/api/matches/" + p.matchId() + "/not-relevant").then().statusCode(412);
        // The reason code is the owner's label: a decline cannot claim it.
        given().auth().oauth2(broker).contentType(ContentType.JSON).body(Map.of("reasonCode", "NOT_RELEVANT"))
                .post("/api/matches/" + p.matchId() + "/decline").then().statusCode(400);
        given().auth().oauth2(broker).get("/api/matches/" + p.matchId()).then().body("status", equalTo("SUGGESTED"));

        notRelevant(owner, p, Map.of("reason", "我们要的是密封材料，不是预警算法")).statusCode(200)
                .header("ETag", notNullValue())
                .body("status", equalTo("DECLINED")).body("decline.reasonCode", equalTo("NOT_RELEVANT"))
                // The reason stays in the audit trail: the other party does not read it.
                .body("decline.comment", nullValue());

        var event = matches.awaitRecord(r -> r.key().equals(p.matchId().toString())
                && r.value().contains("kechuang.match.status-changed") && r.value().contains("\"status\":\"DECLINED\""),
                Duration.ofSeconds(10));
        assertTrue(event.value().contains(p.enterprise().toString()) && event.value().contains(p.university().toString()),
                event.value());
        assertFalse(event.value().contains("密封材料"), "no reason text on the topic");

        // Out of both suggestion lists and the broker queue; still there when asked for, and in the change feed.
        given().auth().oauth2(owner).get("/api/matches/demands/" + p.demandId() + "/suggestions").then()
                .statusCode(200).body("items.id", not(hasItem(p.matchId().toString())));
        given().auth().oauth2(TestTokens.university(p.university()))
                .get("/api/matches/achievements/" + p.achievementId() + "/suggestions").then()
                .statusCode(200).body("items.id", not(hasItem(p.matchId().toString())));
        given().auth().oauth2(owner).queryParam("status", "DECLINED")
                .get("/api/matches/demands/" + p.demandId() + "/suggestions").then()
                .body("items.id", hasItem(p.matchId().toString()));
        given().auth().oauth2(owner).queryParam("updatedSince", "2020-01-01T00:00:00Z")
                .get("/api/matches/demands/" + p.demandId() + "/suggestions").then()
                .body("items.find { it.id == '" + p.matchId() + "' }.status", equalTo("DECLINED"));
        given().auth().oauth2(broker).queryParam("size", 100).get("/api/matches/queue").then().statusCode(200)
                .body("items.id", not(hasItem(p.matchId().toString())));

        // Who, when and why.
        given().auth().oauth2(broker).get("/api/matches/" + p.matchId() + "/history").then().statusCode(200)
                .body("items.find { it.action == 'NOT_RELEVANT' }.actorRole", equalTo("ENTERPRISE"))
                .body("items.find { it.action == 'NOT_RELEVANT' }.actorOrg", equalTo(p.enterprise().toString()))
                .body("items.find { it.action == 'NOT_RELEVANT' }.fromStatus", equalTo("SUGGESTED"))
                .body("items.find { it.action == 'NOT_RELEVANT' }.toStatus", equalTo("DECLINED"))
                .body("items.find { it.action == 'NOT_RELEVANT' }.reason", equalTo("我们要的是密封材料，不是预警算法"))
                .body("items.find { it.action == 'NOT_RELEVANT' }.at", notNullValue());
        // Final: a second time is a conflict.
        notRelevant(owner, p, null).statusCode(409).contentType(startsWith("application/problem+json"));
    }

    @Test
    void theAchievementsUniversityMarksItsSuggestionNotRelevantButNotAfterTheIntroduction() {
        SuggestedPair p = newPair("茶园采摘机器人视觉定位");
        notRelevant(TestTokens.university(p.university()), p, null).statusCode(200)
                .body("status", equalTo("DECLINED")).body("decline.reasonCode", equalTo("NOT_RELEVANT"));
        given().auth().oauth2(broker).get("/api/matches/" + p.matchId() + "/history").then()
                .body("items.find { it.action == 'NOT_RELEVANT' }.actorRole", equalTo("UNIVERSITY"));

        SuggestedPair introduced = newPair("冷链集装箱相变蓄冷板");
        given().auth().oauth2(broker).contentType(ContentType.JSON)
                .post("/api/matches/" + introduced.matchId() + "/introduce").then().statusCode(200);
        notRelevant(TestTokens.enterprise(introduced.enterprise()), introduced, null).statusCode(409)
                .body("allowedTransitions", hasItem("DECLINED"));
        given().auth().oauth2(broker).get("/api/matches/" + introduced.matchId()).then()
                .body("status", equalTo("INTRODUCED"));
    }
}

package io.kechuang.matching;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.demand.DemandStatus;
import io.kechuang.events.taxonomy.PlatformOrganisation;
import io.kechuang.matching.learning.LabelledPair;
import io.kechuang.matching.learning.LabelledPairs;
import io.kechuang.matching.scoring.Suggestion.Feature;
import io.kechuang.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The labelled pairs the ranking learns from: one per decided pair, its latest decision with who and when and the
 * stored feature values, exported to admins only, and never any text that came with the decisions.
 */
@QuarkusTest
class LabelledPairsTest {

    /** Texts that travel with the decisions below; none may reach the export. */
    private static final List<String> SECRETS = List.of("机密备注甲", "报价口径乙", "不相关原因丙", "参会人丁", "会议室戊",
            "合同说明己");

    @Inject
    MatchingEngine engine;

    @Inject
    DataSource dataSource;

    @Inject
    io.kechuang.matching.directory.Directory directory;

    private final UUID brokerOrg = UUID.randomUUID();
    private final String broker = TestTokens.forUser("broker-sun").org(brokerOrg, "BROKERAGE").groups("BROKER").mint();

    private record Pair(UUID matchId, UUID demandId, UUID achievementId, UUID enterprise, String topic) {
    }

    private Pair newPair(Events events, String topic) {
        UUID university = UUID.randomUUID();
        UUID enterprise = UUID.randomUUID();
        UUID achievementId = UUID.randomUUID();
        UUID demandId = UUID.randomUUID();
        events.publish(Events.bareAchievement(achievementId, university, 1, AchievementStatus.PUBLISHED, topic));
        events.publish(Events.bareDemand(demandId, enterprise, 1, DemandStatus.OPEN, topic));
        String id = await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(broker)
                .get("/api/matches/demands/" + demandId + "/suggestions").then().extract()
                .<String>path("items.find { it.achievement.id == '" + achievementId + "' }.id"), notNullValue());
        return new Pair(UUID.fromString(id), demandId, achievementId, enterprise, topic);
    }

    private void post(Pair p, String action, Object body) {
        var request = given().auth().oauth2(broker).contentType(ContentType.JSON);
        if (body != null) {
            request = request.body(body);
        }
        request.post("/api/matches/" + p.matchId() + "/" + action).then().statusCode(200);
    }

    @Test
    void eachDecidedPairIsOneLabelWithWhoWhenAndItsFeaturesAndNeverAnyText() throws Exception {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1);
        String kafka = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.consumer().assigned());
        try (Identities identities = new Identities(kafka, directory)) {
            identities.broker("broker-sun", brokerOrg, "孙经理");
        }
        Pair shortlisted;
        Pair contracted;
        Pair declined;
        Pair notRelevant;
        Pair untouched;
        try (Events events = new Events(kafka)) {
            shortlisted = newPair(events, "风电叶片前缘腐蚀修复涂层");
            contracted = newPair(events, "啤酒酵母泥蛋白提取");
            declined = newPair(events, "地铁隧道渗漏水智能巡检");
            notRelevant = newPair(events, "蜂胶黄酮超临界萃取");
            untouched = newPair(events, "古建筑木构件白蚁监测");
        }
        given().auth().oauth2(broker).contentType(ContentType.JSON).body(Map.of("text", SECRETS.get(0)))
                .post("/api/matches/" + shortlisted.matchId() + "/notes").then().statusCode(201);
        post(shortlisted, "shortlist", Map.of("comment", SECRETS.get(0)));
        post(declined, "shortlist", null);
        post(declined, "decline", Map.of("reasonCode", "PRICE_MISMATCH", "comment", SECRETS.get(1)));
        given().auth().oauth2(TestTokens.enterprise(notRelevant.enterprise())).contentType(ContentType.JSON)
                .body(Map.of("reason", SECRETS.get(2))).post("/api/matches/" + notRelevant.matchId() + "/not-relevant")
                .then().statusCode(200);
        post(contracted, "introduce", null);
        post(contracted, "meeting", Map.of("at", OffsetDateTime.now().plusDays(3).toString(), "place", SECRETS.get(4),
                "participants", List.of(SECRETS.get(3)), "agenda", SECRETS.get(3)));
        post(contracted, "negotiate", null);
        post(contracted, "contract", Map.of("amount", 800_000, "currency", "CNY", "cooperationMode", "LICENCE",
                "signedOn", LocalDate.now(ZoneId.of(PlatformOrganisation.ZONE)).toString(), "comment", SECRETS.get(5)));

        // Admins only.
        given().auth().oauth2(broker).get("/api/matches/labelled-pairs").then().statusCode(403);
        given().auth().oauth2(TestTokens.enterprise(notRelevant.enterprise())).get("/api/matches/labelled-pairs").then()
                .statusCode(403);
        given().get("/api/matches/labelled-pairs").then().statusCode(401);
        // Bounded.
        given().auth().oauth2(TestTokens.admin()).queryParam("size", 101).get("/api/matches/labelled-pairs").then()
                .statusCode(400);
        given().auth().oauth2(TestTokens.admin()).queryParam("updatedSince", "yesterday")
                .get("/api/matches/labelled-pairs").then().statusCode(400);

        String body = given().auth().oauth2(TestTokens.admin()).queryParam("updatedSince", start.toString())
                .queryParam("size", 100).get("/api/matches/labelled-pairs").then().statusCode(200)
                .extract().asString();
        // The privacy rule: nothing that came with a decision, and no listing text, is in the training data.
        for (String secret : SECRETS) {
            assertFalse(body.contains(secret), "the export holds " + secret);
        }
        for (Pair p : List.of(shortlisted, contracted, declined, notRelevant)) {
            assertFalse(body.contains(p.topic()), "the export holds the listing text " + p.topic());
        }
        JsonPath json = JsonPath.from(body);
        assertNull(json.get("items.find { it.matchId == '" + untouched.matchId() + "' }"), "an undecided pair has no label");

        Map<String, Object> row = label(json, shortlisted);
        assertEquals("SHORTLISTED", row.get("label"));
        assertEquals("POSITIVE", row.get("polarity"));
        assertNull(row.get("reasonCode"));
        assertEquals(Map.of("subject", "broker-sun", "role", "BROKER", "orgId", brokerOrg.toString()), row.get("decidedBy"));
        assertNotNull(row.get("decidedAt"));
        assertEquals(shortlisted.demandId().toString(), row.get("demandId"));
        assertEquals(shortlisted.achievementId().toString(), row.get("achievementId"));
        // The features are the values the matcher stored for the pair.
        JsonPath match = given().auth().oauth2(broker).get("/api/matches/" + shortlisted.matchId()).then()
                .statusCode(200).extract().jsonPath();
        @SuppressWarnings("unchecked")
        Map<String, Number> features = (Map<String, Number>) row.get("features");
        assertEquals(match.getDouble("breakdown.TEXT.value"), features.get("TEXT").doubleValue(), 1e-6); // JsonPath reads floats
        assertEquals(match.getDouble("breakdown.FIELD.value"), features.get("FIELD").doubleValue(), 1e-6); // JsonPath reads floats
        assertEquals(match.getDouble("score"), ((Number) row.get("score")).doubleValue(), 1e-6); // JsonPath reads floats

        // The latest decision wins: a shortlist then a decline is one negative label with its reason code.
        row = label(json, declined);
        assertEquals("DECLINED", row.get("label"));
        assertEquals("NEGATIVE", row.get("polarity"));
        assertEquals("PRICE_MISMATCH", row.get("reasonCode"));
        row = label(json, notRelevant);
        assertEquals("NOT_RELEVANT", row.get("label"));
        assertEquals("NEGATIVE", row.get("polarity"));
        assertEquals("NOT_RELEVANT", row.get("reasonCode"));
        assertEquals("ENTERPRISE", ((Map<?, ?>) row.get("decidedBy")).get("role"));
        assertEquals(notRelevant.enterprise().toString(), ((Map<?, ?>) row.get("decidedBy")).get("orgId"));
        row = label(json, contracted);
        assertEquals("CONTRACTED", row.get("label"));
        assertEquals("POSITIVE", row.get("polarity"));
        assertEquals(1L, json.getList("items.matchId").stream().filter(contracted.matchId().toString()::equals).count(),
                "one row per pair");
        // The refit's reader of a live database (exec@refit with a JDBC URL) reads the same labels.
        try (Connection c = dataSource.getConnection()) {
            List<LabelledPair> all = LabelledPairs.all(c);
            LabelledPair fromDatabase = all.stream().filter(l -> l.matchId().equals(notRelevant.matchId())).findFirst()
                    .orElseThrow();
            assertEquals("NOT_RELEVANT", fromDatabase.label());
            assertEquals(LabelledPair.Polarity.NEGATIVE, fromDatabase.polarity());
            LabelledPair shortlistedRow = all.stream().filter(l -> l.matchId().equals(shortlisted.matchId())).findFirst()
                    .orElseThrow();
            assertEquals(match.getDouble("breakdown.TEXT.value"), shortlistedRow.feature(Feature.TEXT), 1e-6);
            assertTrue(all.stream().noneMatch(l -> l.matchId().equals(untouched.matchId())));
        }
        given().auth().oauth2(TestTokens.admin()).queryParam("updatedSince", start.toString()).queryParam("size", 1)
                .get("/api/matches/labelled-pairs").then().statusCode(200).body("items.size()", equalTo(1))
                .body("total", equalTo(json.getInt("total")));
    }

    private static Map<String, Object> label(JsonPath json, Pair p) {
        Map<String, Object> row = json.get("items.find { it.matchId == '" + p.matchId() + "' }");
        assertNotNull(row, "no label for " + p.topic());
        return row;
    }
}

package io.kechuang.matching;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasToString;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.events.Topics;
import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.demand.DemandStatus;
import io.kechuang.events.taxonomy.PlatformOrganisation;
import io.kechuang.matching.directory.Directory;
import io.kechuang.matching.index.MatchIndex;
import io.kechuang.testing.TestTokens;
import io.kechuang.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BrokerWorkflowTest {

    @Inject
    MatchingEngine engine;

    @Inject
    MatchIndex index;

    @Inject
    jakarta.validation.ValidatorFactory validation;

    @Inject
    Directory directory;

    private Events events;
    private TopicProbe matches;
    private final UUID brokerOrg = UUID.randomUUID();
    private final String broker = TestTokens.forUser("broker-li").org(brokerOrg, "BROKERAGE").groups("BROKER").mint();
    private final String otherBroker = TestTokens.forUser("broker-wang").org(brokerOrg, "BROKERAGE").groups("BROKER").mint();

    @BeforeEach
    void open() {
        String kafka = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        events = new Events(kafka);
        matches = TopicProbe.open(kafka, Topics.MATCHES);
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.consumer().assigned());
        // Brokers act only once the directory knows them (identity.v1), as the gateway publishes them.
        try (Identities identities = new Identities(kafka, directory)) {
            identities.brokerage(brokerOrg, "天府技术经纪有限公司");
            identities.broker("broker-li", brokerOrg, "李经理");
            identities.broker("broker-wang", brokerOrg, "王经理");
        }
    }

    @AfterEach
    void close() {
        events.close();
        matches.close();
    }

    private SuggestedPair newPair(String topic) {
        return SuggestedPair.publish(events, topic);
    }

    private SuggestedPair newPair(String topic, io.kechuang.events.taxonomy.TechnicalField field) {
        return SuggestedPair.publish(events, topic, field);
    }

    @Test
    void historyIsPagedOldestFirst() {
        SuggestedPair p = newPair("高原牦牛乳冻干发酵剂");
        List<String> texts = new java.util.ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String text = "第" + i + "次沟通记录";
            texts.add(text);
            given().auth().oauth2(broker).contentType(ContentType.JSON).body(Map.of("text", text))
                    .post("/api/matches/" + p.matchId() + "/notes").then().statusCode(201);
        }
        String history = "/api/matches/" + p.matchId() + "/history";
        given().auth().oauth2(broker).queryParam("size", 3).get(history).then().statusCode(200)
                .body("page", equalTo(0)).body("size", equalTo(3)).body("total", equalTo(7)).body("totalPages", equalTo(3))
                .body("items.reason", contains(texts.get(0), texts.get(1), texts.get(2)));
        given().auth().oauth2(broker).queryParam("size", 3).queryParam("page", 1).get(history).then().statusCode(200)
                .body("items.reason", contains(texts.get(3), texts.get(4), texts.get(5)));
        given().auth().oauth2(broker).queryParam("size", 3).queryParam("page", 2).get(history).then().statusCode(200)
                .body("items.reason", contains(texts.get(6)));
        given().auth().oauth2(broker).get(history).then().statusCode(200).body("size", equalTo(20))
                .body("items.size()", equalTo(7));
        given().auth().oauth2(broker).queryParam("size", 101).get(history).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("size"));
    }

    @Test
    void numericExtremesOnMatchListsAreProblemsNamingTheParameter() {
        SuggestedPair p = newPair("盾构刀盘磨耗预警");
        for (String list : List.of("/api/matches/queue", "/api/matches", "/api/matches/" + p.matchId() + "/history",
                "/api/matches/demands/" + p.demandId() + "/suggestions")) {
            String token = list.contains("/demands/") ? p.enterpriseToken() : broker;
            for (Object page : List.of(Integer.MAX_VALUE, "99999999999", -1, Integer.MIN_VALUE, "x")) {
                given().auth().oauth2(token).queryParam("page", page).queryParam("size", 1).get(list).then()
                        .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("page"));
            }
            for (Object size : List.of(Integer.MAX_VALUE, "99999999999", -1, 0)) {
                given().auth().oauth2(token).queryParam("size", size).get(list).then()
                        .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("size"));
            }
            given().auth().oauth2(token).queryParam("page", Integer.MAX_VALUE).queryParam("size", Integer.MAX_VALUE)
                    .get(list).then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItems("page", "size"));
        }
        for (String list : List.of("/api/matches/queue", "/api/matches/demands/" + p.demandId() + "/suggestions")) {
            String token = list.contains("/demands/") ? p.enterpriseToken() : broker;
            for (String minScore : List.of("NaN", "1e400", "-1e400", "-0.1", "1.5", "Infinity")) {
                given().auth().oauth2(token).queryParam("minScore", minScore).get(list).then()
                        .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("minScore"));
            }
            given().auth().oauth2(token).queryParam("minScore", "0.25").get(list).then().statusCode(200);
        }
    }

    /** The queue's minScore is documented with the bounds the code enforces, as the suggestion lists' is. */
    @Test
    void theQueuesMinScoreIsDeclaredFromZeroToOneInTheApiDocument() {
        for (String list : List.of("/api/matches/queue", "/api/matches/demands/{demandId}/suggestions")) {
            String parameter = "paths['" + list + "'].get.parameters.find { it.name == 'minScore' }.schema";
            given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                    .body(parameter + ".minimum", hasToString(startsWith("0")))
                    .body(parameter + ".maximum", hasToString(startsWith("1")));
        }
    }

    private ValidatableResponse post(String token, SuggestedPair p, String action, Object body) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON);
        if (body != null) {
            request = request.body(body);
        }
        return request.post("/api/matches/" + p.matchId() + "/" + action).then();
    }

    private static Map<String, Object> meeting() {
        return Map.of("at", OffsetDateTime.now().plusDays(7).toString(), "place", "成都高新区天府软件园E3会议室",
                "participants", List.of("张经理", "李教授"), "agenda", "技术对接与样品测试安排");
    }

    private static Map<String, Object> contract(String mode) {
        return Map.of("amount", 1_200_000, "currency", "CNY", "cooperationMode", mode, "signedOn", today().toString());
    }

    /** The platform's calendar day, which runs up to a day ahead of the server's UTC date. */
    private static LocalDate today() {
        return LocalDate.now(ZoneId.of(PlatformOrganisation.ZONE));
    }

    /**
     * Every suggestion carries its confidence band (STRONG, POSSIBLE or WEAK, from its score), and the broker queue
     * and the suggestion lists filter on it.
     */
    @Test
    void theQueueAndTheSuggestionListsFilterOnTheConfidenceBand() {
        SuggestedPair p = newPair("船舶压载水紫外消毒");
        String band = given().auth().oauth2(broker).get("/api/matches/" + p.matchId()).then().statusCode(200)
                .body("confidence", notNullValue()).extract().path("confidence");
        double score = ((Number) given().auth().oauth2(broker).get("/api/matches/" + p.matchId()).then()
                .extract().path("score")).doubleValue();
        assertEquals(io.kechuang.matching.scoring.ScoringConfig.Ranking.hybridDefaults().bands().of(score).name(), band);
        String other = band.equals("WEAK") ? "STRONG" : "WEAK";
        given().auth().oauth2(broker).queryParam("size", 100).queryParam("confidence", band)
                .get("/api/matches/queue").then().statusCode(200).body("items.id", hasItem(p.matchId().toString()))
                .body("items.confidence", not(hasItem(other)));
        given().auth().oauth2(broker).queryParam("size", 100).queryParam("confidence", other.toLowerCase())
                .get("/api/matches/queue").then().statusCode(200).body("items.id", not(hasItem(p.matchId().toString())));
        given().auth().oauth2(broker).queryParam("confidence", "certain").get("/api/matches/queue").then()
                .statusCode(400);
        given().auth().oauth2(p.enterpriseToken()).queryParam("confidence", band)
                .get("/api/matches/demands/" + p.demandId() + "/suggestions").then().statusCode(200)
                .body("items.id", hasItem(p.matchId().toString()));
        given().auth().oauth2(p.enterpriseToken()).queryParam("confidence", other)
                .get("/api/matches/demands/" + p.demandId() + "/suggestions").then().statusCode(200)
                .body("items.id", not(hasItem(p.matchId().toString())));
    }

    @Test
    void aBrokerCarriesAMatchFromSuggestionToContractAndEveryStepIsAudited() {
        SuggestedPair p = newPair("钛合金骨科植入物微弧氧化涂层");
        post(p.enterpriseToken(), p, "request-introduction", null).statusCode(200)
                .body("introductionRequestedAt", notNullValue()).body("status", equalTo("SUGGESTED"));
        given().auth().oauth2(broker).queryParam("size", 100).get("/api/matches/queue").then().statusCode(200)
                .body("items[0].introductionRequestedAt", notNullValue());

        post(broker, p, "shortlist", Map.of("comment", "双方契合")).statusCode(200)
                .body("status", equalTo("SHORTLISTED")).body("broker", equalTo("broker-li"));
        post(broker, p, "introduce", null).statusCode(200).body("status", equalTo("INTRODUCED"));
        post(broker, p, "meeting", meeting()).statusCode(200).body("status", equalTo("MEETING_SCHEDULED"))
                .body("meeting.place", equalTo("成都高新区天府软件园E3会议室"));
        post(broker, p, "negotiate", null).statusCode(200).body("status", equalTo("NEGOTIATING"));
        post(broker, p, "contract", contract("TRANSFER")).statusCode(200).body("status", equalTo("CONTRACTED"))
                .body("contract.amount", equalTo(1200000)).body("contract.cooperationMode", equalTo("TRANSFER"));

        // CONTRACTED is final.
        post(broker, p, "decline", Map.of("reasonCode", "OTHER", "comment", "改主意")).statusCode(409)
                .body("allowedTransitions.size()", equalTo(0));

        given().auth().oauth2(broker).get("/api/matches/" + p.matchId() + "/history").then().statusCode(200)
                .body("items.action", contains("REQUEST_INTRODUCTION", "CLAIM", "SHORTLIST", "INTRODUCE", "SCHEDULE_MEETING",
                        "NEGOTIATE", "CONTRACT"))
                .body("items.find { it.action == 'SHORTLIST' }.actor", equalTo("broker-li"))
                .body("items.find { it.action == 'SHORTLIST' }.reason", equalTo("双方契合"))
                .body("items.find { it.action == 'REQUEST_INTRODUCTION' }.actorRole", equalTo("ENTERPRISE"));

        String key = p.matchId().toString();
        var last = matches.awaitRecord(r -> r.key().equals(key) && r.value().contains("\"status\":\"CONTRACTED\""),
                Duration.ofSeconds(10));
        assertTrue(last.value().contains("\"contractCooperationMode\":\"TRANSFER\""), last.value());
        assertTrue(last.value().contains("\"brokerSubject\":\"broker-li\""), last.value());
        long changes = matches.records().stream().filter(r -> r.key().equals(key)
                && r.value().contains("kechuang.match.status-changed")).count();
        assertEquals(6, changes, "one status-changed event per transition, and one for the claim (it names the broker)");

        // Both parties see their match and its status; nobody else does.
        given().auth().oauth2(p.enterpriseToken()).get("/api/matches").then().statusCode(200)
                .body("items.id", hasItem(key)).body("items.find { it.id == '" + key + "' }.status", equalTo("CONTRACTED"));
        given().auth().oauth2(p.universityToken()).get("/api/matches/" + key).then().statusCode(200)
                .body("status", equalTo("CONTRACTED"));
        given().auth().oauth2(TestTokens.enterprise(UUID.randomUUID())).get("/api/matches").then().statusCode(200)
                .body("items.id", not(hasItem(key)));
    }

    @Test
    void aContractIsDatedOnThePlatformsCalendarAndNeverInTheFuture() {
        assertEquals(ZoneId.of(PlatformOrganisation.ZONE), validation.getClockProvider().getClock().getZone());
        SuggestedPair p = newPair("锂电池正极材料回收湿法冶金");
        post(broker, p, "shortlist", null).statusCode(200);
        post(broker, p, "introduce", null).statusCode(200);
        post(broker, p, "negotiate", null).statusCode(200);
        Map<String, Object> tomorrow = new java.util.HashMap<>(contract("LICENCE"));
        tomorrow.put("signedOn", today().plusDays(1).toString());
        post(broker, p, "contract", tomorrow).statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("signedOn"));
        post(broker, p, "contract", contract("LICENCE")).statusCode(200).body("contract.signedOn", equalTo(today().toString()));
    }

    @Test
    void illegalTransitionsAnswer409NamingTheAllowedNextStates() {
        SuggestedPair p = newPair("高纯石英砂提纯");
        post(broker, p, "contract", contract("LICENCE")).statusCode(409).contentType("application/problem+json")
                .body("currentState", equalTo("SUGGESTED"))
                .body("allowedTransitions", contains("SHORTLISTED", "INTRODUCED", "DECLINED"));
        post(broker, p, "meeting", meeting()).statusCode(409);
        post(broker, p, "negotiate", null).statusCode(409);
        post(broker, p, "shortlist", null).statusCode(200);
        post(broker, p, "shortlist", null).statusCode(409).body("allowedTransitions", contains("INTRODUCED", "DECLINED"));
    }

    @Test
    void rolesAndObjectLevelChecksAreEnforced() {
        SuggestedPair p = newPair("盐碱地水稻耐盐育种");
        post(p.enterpriseToken(), p, "shortlist", null).statusCode(403);
        post(p.universityToken(), p, "introduce", null).statusCode(403);
        post(p.universityToken(), p, "request-introduction", null).statusCode(403);
        given().auth().oauth2(p.enterpriseToken()).get("/api/matches/" + p.matchId() + "/history").then().statusCode(403);
        given().auth().oauth2(p.enterpriseToken()).get("/api/matches/queue").then().statusCode(403);

        String stranger = TestTokens.enterprise(UUID.randomUUID());
        post(stranger, p, "request-introduction", null).statusCode(404);
        post(stranger, p, "decline", Map.of("reasonCode", "OUT_OF_SCOPE")).statusCode(404);
        given().auth().oauth2(stranger).get("/api/matches/" + p.matchId()).then().statusCode(404);
        given().contentType(ContentType.JSON).post("/api/matches/" + p.matchId() + "/shortlist").then().statusCode(401);

        // One broker's match is not another's (a colleague's either, unless a lead), until an admin reassigns it.
        post(broker, p, "claim", null).statusCode(200).body("broker", equalTo("broker-li"));
        post(otherBroker, p, "shortlist", null).statusCode(403).contentType("application/problem+json")
                .body("assignedBrokerOrganisation.id", equalTo(brokerOrg.toString()))
                .body(not(containsString("broker-li")));
        post(TestTokens.admin(), p, "assign", Map.of("brokerSubject", "broker-wang", "brokerOrgId", brokerOrg.toString()))
                .statusCode(200).body("broker", equalTo("broker-wang"));
        post(otherBroker, p, "shortlist", null).statusCode(200);
        post(otherBroker, p, "notes", Map.of("text", "企业希望先看样品")).statusCode(201).body("action", equalTo("NOTE"));
        post(p.enterpriseToken(), p, "notes", Map.of("text", "企业不能写经理人备注")).statusCode(403);
    }

    @Test
    void eitherPartyDeclinesWithAReasonCode() {
        SuggestedPair p = newPair("农村生活污水一体化处理设备");
        post(p.universityToken(), p, "decline", Map.of("reasonCode", "OTHER")).statusCode(400)
                .body("errors[0].message", equalTo("a comment is required when the reason is OTHER"));
        post(p.universityToken(), p, "decline", Map.of("comment", "没有原因")).statusCode(400)
                .body("errors.field", hasItem("reasonCode"));
        post(p.universityToken(), p, "decline", Map.of("reasonCode", "PRICE_MISMATCH", "comment", "企业预算太低"))
                .statusCode(200).body("status", equalTo("DECLINED")).body("decline.reasonCode", equalTo("PRICE_MISMATCH"));
        post(broker, p, "introduce", null).statusCode(409);

        SuggestedPair q = newPair("冷链物流温度监测标签");
        post(q.enterpriseToken(), q, "decline", Map.of("reasonCode", "ALREADY_SOLVED")).statusCode(200)
                .body("status", equalTo("DECLINED"));
    }

    @Test
    void marketChangesExpireEarlyMatchesButOnlyFlagIntroducedOnes() {
        SuggestedPair early = newPair("锂电池极片激光清洗");
        post(broker, early, "shortlist", null).statusCode(200);
        events.publish(Events.bareAchievement(early.achievementId(), early.university(), 2, AchievementStatus.WITHDRAWN,
                "锂电池极片激光清洗"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(broker)
                .get("/api/matches/" + early.matchId()).then().body("status", equalTo("EXPIRED")));

        SuggestedPair introduced = newPair("光纤光栅桥梁健康监测");
        post(broker, introduced, "introduce", null).statusCode(200);
        events.publish(Events.bareDemand(introduced.demandId(), introduced.enterprise(), 2, DemandStatus.CLOSED,
                "光纤光栅桥梁健康监测"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(broker)
                .get("/api/matches/" + introduced.matchId()).then()
                .body("flaggedReason", equalTo("demand CLOSED")).body("status", equalTo("INTRODUCED")));
        given().auth().oauth2(broker).queryParam("flagged", true).queryParam("assigned", "me").queryParam("size", 100)
                .get("/api/matches/queue").then().statusCode(200).body("items.id", hasItem(introduced.matchId().toString()));
    }

    @Test
    void aResyncRemovalOfADemandExpiresItsEarlyMatchesFlagsIntroducedOnesAndTakesItOutOfSearch() throws Exception {
        String topic = "海水淡化反渗透膜抗污染改性";
        UUID enterprise = UUID.randomUUID();
        UUID demandId = UUID.randomUUID();
        List<UUID> universities = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        List<UUID> achievementIds = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        for (int i = 0; i < 3; i++) {
            events.publish(Events.bareAchievement(achievementIds.get(i), universities.get(i), 1, AchievementStatus.PUBLISHED,
                    topic));
        }
        events.publish(Events.bareDemand(demandId, enterprise, 2, DemandStatus.OPEN, topic));
        String owner = TestTokens.enterprise(enterprise);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(owner)
                .get("/api/matches/demands/" + demandId + "/suggestions").then().statusCode(200)
                .body("items.achievement.id", hasItems(achievementIds.stream().map(UUID::toString).toArray())));
        List<SuggestedPair> pairs = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = given().auth().oauth2(owner).get("/api/matches/demands/" + demandId + "/suggestions").then()
                    .extract().path("items.find { it.achievement.id == '" + achievementIds.get(i) + "' }.id");
            pairs.add(new SuggestedPair(UUID.fromString(id), achievementIds.get(i), demandId, universities.get(i), enterprise));
        }
        SuggestedPair suggested = pairs.get(0);
        SuggestedPair shortlisted = pairs.get(1);
        SuggestedPair introduced = pairs.get(2);
        post(broker, shortlisted, "shortlist", null).statusCode(200);
        post(broker, introduced, "introduce", null).statusCode(200);
        String partner = TestTokens.partner(UUID.randomUUID());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(partner).queryParam("q", topic)
                .get("/api/search").then().statusCode(200).body("items.id", hasItem(demandId.toString())));

        String kafka = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        long deadBefore = engine.consumer().deadLettered();
        try (TopicProbe dlq = TopicProbe.open(kafka, Topics.MATCHING_DLQ_SPEC.name())) {
            // The enterprise's service lost the demand in a crash; its resync removes it (no data, a new epoch).
            var removal = events.removeDemand(demandId, 2, java.time.Instant.now().getEpochSecond());
            assertTrue(engine.consumer().awaitIndexed(removal.topic(), removal.partition(), removal.offset(),
                    Duration.ofSeconds(15)), "removal handled");

            for (SuggestedPair p : List.of(suggested, shortlisted)) {
                given().auth().oauth2(broker).get("/api/matches/" + p.matchId()).then().statusCode(200)
                        .body("status", equalTo("EXPIRED"));
                var changed = matches.awaitRecord(r -> r.key().equals(p.matchId().toString())
                        && r.value().contains("kechuang.match.status-changed") && r.value().contains("\"status\":\"EXPIRED\""),
                        Duration.ofSeconds(10));
                assertTrue(changed.value().contains(enterprise.toString()), changed.value());
            }
            given().auth().oauth2(broker).get("/api/matches/" + introduced.matchId()).then().statusCode(200)
                    .body("status", equalTo("INTRODUCED")).body("flaggedReason", equalTo("demand REMOVED"));
            given().auth().oauth2(broker).get("/api/matches/" + introduced.matchId() + "/history").then().statusCode(200)
                    .body("items.find { it.action == 'FLAG' }.reason", equalTo("demand REMOVED"));
            given().auth().oauth2(broker).queryParam("flagged", true).queryParam("assigned", "me").queryParam("size", 100)
                    .get("/api/matches/queue").then().statusCode(200).body("items.id", hasItem(introduced.matchId().toString()));

            assertTrue(index.item(demandId.toString()).isEmpty(), "out of the index");
            given().auth().oauth2(partner).queryParam("q", topic).get("/api/search").then().statusCode(200)
                    .body("items.id", not(hasItem(demandId.toString())))
                    .body("items.id", hasItem(achievementIds.getFirst().toString()));
            matches.assertNoRecord(r -> r.key().equals(introduced.matchId().toString())
                    && r.value().contains("\"status\":\"EXPIRED\""), Duration.ofMillis(500));
            dlq.assertNoRecord(r -> demandId.toString().equals(r.key()), Duration.ofMillis(500));
            assertEquals(deadBefore, engine.consumer().deadLettered(), "nothing was dead-lettered");
        }
    }

    @Test
    void rescoringNeverTouchesAMatchPastSuggested() {
        SuggestedPair p = newPair("风电叶片无损检测");
        float score = post(broker, p, "shortlist", null).statusCode(200).extract().path("score");
        var bare = Events.bareAchievement(p.achievementId(), p.university(), 2, AchievementStatus.PUBLISHED, "风电叶片无损检测");
        // A change that would lower the score and rename the pair, were the match still open to rescoring.
        events.publish(new io.kechuang.events.achievement.AchievementState(bare.id(), bare.ownerOrgId(), bare.status(), 2,
                "风电叶片无损检测（修订）", bare.summary(), null, bare.keywords(), bare.technicalField(), List.of(), bare.ipType(),
                List.of(), 2, bare.stage(), java.util.Set.of(io.kechuang.events.taxonomy.CooperationMode.EQUITY_INVESTMENT),
                null, true, List.of(), List.of(), bare.region(), bare.language(), bare.expiresOn(), bare.publishedAt(),
                bare.updatedAt()));
        await().atMost(Duration.ofSeconds(10)).until(() -> index.item(p.achievementId().toString())
                .map(i -> i.version() == 2).orElse(false));
        given().auth().oauth2(broker).get("/api/matches/" + p.matchId()).then().statusCode(200)
                .body("status", equalTo("SHORTLISTED")).body("score", equalTo(score))
                .body("achievement.title", equalTo("风电叶片无损检测"));
    }

    @Test
    void statisticsMatchTheFixtures() {
        String from = OffsetDateTime.now().minusSeconds(1).toString();
        // Statistics span the shared test database; a field no other test uses keeps the fixtures apart.
        var field = io.kechuang.events.taxonomy.TechnicalField.BIOMEDICINE;
        SuggestedPair contracted = newPair("中药配方颗粒质量标准", field);
        SuggestedPair declined = newPair("茶叶采摘机器人", field);
        SuggestedPair introduced = newPair("抗体药物偶联工艺", field);
        for (SuggestedPair p : List.of(contracted, introduced)) {
            post(broker, p, "introduce", null).statusCode(200);
        }
        post(broker, contracted, "negotiate", null).statusCode(200);
        post(broker, contracted, "contract", contract("LICENCE")).statusCode(200);
        post(declined.enterpriseToken(), declined, "decline", Map.of("reasonCode", "PRICE_MISMATCH")).statusCode(200);

        given().auth().oauth2(TestTokens.admin()).queryParam("from", from).queryParam("field", "BIOMEDICINE")
                .get("/api/matches/stats").then().statusCode(200)
                .body("funnel.SUGGESTED", equalTo(3)).body("funnel.INTRODUCED", equalTo(2)).body("funnel.CONTRACTED", equalTo(1))
                .body("byStatus.CONTRACTED", equalTo(1)).body("byStatus.DECLINED", equalTo(1)).body("byStatus.INTRODUCED", equalTo(1))
                .body("byField.BIOMEDICINE", equalTo(3)).body("byField.size()", equalTo(1)).body("byRegion.510100", equalTo(3))
                .body("contractValue.CNY", equalTo(1200000.0f))
                .body("declineReasons.PRICE_MISMATCH", equalTo(1))
                .body("medianHoursToIntroduction", notNullValue());
        given().auth().oauth2(declined.enterpriseToken()).get("/api/matches/stats").then().statusCode(403);
        given().auth().oauth2(broker).queryParam("from", "yesterday").get("/api/matches/stats").then().statusCode(400);
        given().auth().oauth2(broker).get("/api/matches/stats").then().statusCode(200).body("byMonth", notNullValue())
                .body("from", notNullValue()).body("medianHoursToIntroduction", not(nullValue()));
    }
}

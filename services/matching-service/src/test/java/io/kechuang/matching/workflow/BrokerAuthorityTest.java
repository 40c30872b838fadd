package io.kechuang.matching.workflow;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.demand.DemandStatus;
import io.kechuang.events.taxonomy.PlatformOrganisation;
import io.kechuang.matching.Events;
import io.kechuang.matching.Identities;
import io.kechuang.matching.MatchingEngine;
import io.kechuang.matching.SuggestedPair;
import io.kechuang.matching.directory.Directory;
import io.kechuang.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Broker authority (issue 26): on the broker side of a match only the assigned broker, a lead of its brokerage or an
 * admin acts; a broker acts on an unassigned match (and claims it) only if the identity directory knows it as an
 * enabled broker; a match is assigned only to an existing, enabled broker. Brokers and brokerages are made known the
 * way the gateway does it, by events on identity.v1.
 */
@QuarkusTest
class BrokerAuthorityTest {

    private static final String HOME_NAME = "天府技术经纪有限公司";
    private static final String RIVAL_NAME = "蓉城科创服务中心";

    @Inject
    MatchingEngine engine;

    @Inject
    Directory directory;

    private Events events;
    private Identities identities;
    private final UUID home = UUID.randomUUID();
    private final UUID rival = UUID.randomUUID();
    private final String li = broker("auth-li", home);
    private final String wang = broker("auth-wang", home);
    private final String lead = broker("auth-lead", home);
    private final String rivalBroker = broker("auth-rival", rival);
    private final String rivalLead = broker("auth-rival-lead", rival);

    private static String broker(String subject, UUID org) {
        return TestTokens.forUser(subject).org(org, "BROKERAGE").groups("BROKER").mint();
    }

    @BeforeEach
    void open() {
        String kafka = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        events = new Events(kafka);
        identities = new Identities(kafka, directory);
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.consumer().assigned());
        identities.brokerage(home, HOME_NAME);
        identities.brokerage(rival, RIVAL_NAME);
        identities.broker("auth-li", home, "李经理");
        identities.broker("auth-wang", home, "王经理");
        identities.lead("auth-lead", home, "张主管");
        identities.broker("auth-rival", rival, "刘经理");
        identities.lead("auth-rival-lead", rival, "陈主管");
    }

    @AfterEach
    void close() {
        events.close();
        identities.close();
    }

    private SuggestedPair newPair(String topic) {
        return SuggestedPair.publish(events, topic);
    }

    private static ValidatableResponse post(String token, SuggestedPair p, String action, Object body) {
        var request = given().auth().oauth2(token).contentType(ContentType.JSON);
        if (body != null) {
            request = request.body(body);
        }
        return request.post("/api/matches/" + p.matchId() + "/" + action).then();
    }

    private static JsonPath read(SuggestedPair p) {
        return given().auth().oauth2(TestTokens.admin()).get("/api/matches/" + p.matchId()).then().statusCode(200)
                .extract().jsonPath();
    }

    private static int historyTotal(SuggestedPair p) {
        return given().auth().oauth2(TestTokens.admin()).get("/api/matches/" + p.matchId() + "/history").then()
                .statusCode(200).extract().path("total");
    }

    private static Map<String, Object> meeting() {
        return Map.of("at", OffsetDateTime.now().plusDays(7).toString(), "place", "成都高新区天府软件园E3会议室");
    }

    private static Map<String, Object> contract() {
        return Map.of("amount", 500_000, "currency", "CNY", "cooperationMode", "LICENCE", "signedOn",
                LocalDate.now(ZoneId.of(PlatformOrganisation.ZONE)).toString());
    }

    /**
     * Every action of the broker side, by {@code token}, is a 403 problem+json naming the home brokerage (id and
     * name) and nothing of its broker; the match is unchanged, and its audit trail too.
     */
    private void assertRefusedEverywhere(String token, SuggestedPair p) {
        JsonPath before = read(p);
        int trail = historyTotal(p);
        String version = "\"" + before.getLong("version") + "\"";
        Map<String, Object> actions = new java.util.LinkedHashMap<>();
        actions.put("notes", Map.of("text", "竞争对手的备注"));
        actions.put("shortlist", Map.of());
        actions.put("introduce", Map.of());
        actions.put("meeting", meeting());
        actions.put("negotiate", Map.of());
        actions.put("contract", contract());
        actions.put("decline", Map.of("reasonCode", "PRICE_MISMATCH", "comment", "抢单"));
        actions.put("claim", null);
        actions.put("assign", Map.of("brokerSubject", "auth-rival"));
        for (Map.Entry<String, Object> action : actions.entrySet()) {
            var request = given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", version);
            if (action.getValue() != null) {
                request = request.body(action.getValue());
            }
            request.post("/api/matches/" + p.matchId() + "/" + action.getKey()).then()
                    .statusCode(403).contentType("application/problem+json")
                    .body("status", equalTo(403))
                    .body("assignedBrokerOrganisation.id", equalTo(home.toString()))
                    .body("assignedBrokerOrganisation.name", equalTo(HOME_NAME))
                    .body(not(containsString("auth-li"))).body(not(containsString("李经理")));
        }
        // Authority comes before the version check: a stale If-Match changes nothing in the answer.
        post(token, p, "decline", Map.of("reasonCode", "OUT_OF_SCOPE")).statusCode(403);
        given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Map.of("reasonCode", "OUT_OF_SCOPE")).post("/api/matches/" + p.matchId() + "/decline").then()
                .statusCode(403);
        JsonPath after = read(p);
        assertEquals(before.getLong("version"), after.getLong("version"), "the match is unchanged");
        assertEquals(before.getString("status"), after.getString("status"));
        assertEquals(before.getString("broker"), after.getString("broker"));
        assertEquals(trail, historyTotal(p), "nothing was added to the audit trail");
    }

    @Test
    void aBrokerOfACompetingBrokerageIsRefusedEverywhereNamingTheAssignedBrokerage() {
        SuggestedPair p = newPair("矿井提升机钢丝绳断丝检测");
        post(li, p, "claim", null).statusCode(200).body("broker", equalTo("auth-li"));
        assertRefusedEverywhere(rivalBroker, p);
        assertRefusedEverywhere(rivalLead, p);

        post(li, p, "introduce", null).statusCode(200).body("status", equalTo("INTRODUCED"));
        assertRefusedEverywhere(rivalBroker, p);
        assertRefusedEverywhere(rivalLead, p);

        post(li, p, "negotiate", null).statusCode(200).body("status", equalTo("NEGOTIATING"));
        assertRefusedEverywhere(rivalBroker, p);
        // A colleague who is not a lead is refused as well.
        assertRefusedEverywhere(wang, p);

        post(li, p, "contract", contract()).statusCode(200).body("status", equalTo("CONTRACTED"));
    }

    @Test
    void theAuditTrailStaysWithTheBrokerageHoldingTheMatch() {
        SuggestedPair p = newPair("高速列车轮对踏面擦伤检测");
        String history = "/api/matches/" + p.matchId() + "/history";
        // Unassigned: every broker reads the trail (it holds nothing of a brokerage yet).
        given().auth().oauth2(rivalBroker).get(history).then().statusCode(200);
        post(li, p, "notes", Map.of("text", "客户预算约八十万，可谈许可")).statusCode(201);
        post(li, p, "claim", null).statusCode(200);
        // Held by the home brokerage: its brokers and admins read the notes; a competing brokerage does not.
        given().auth().oauth2(wang).get(history).then().statusCode(200)
                .body("items.find { it.action == 'NOTE' }.reason", equalTo("客户预算约八十万，可谈许可"));
        given().auth().oauth2(TestTokens.admin()).get(history).then().statusCode(200);
        for (String token : List.of(rivalBroker, rivalLead)) {
            given().auth().oauth2(token).get(history).then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("assignedBrokerOrganisation.name", equalTo(HOME_NAME))
                    .body(not(containsString("八十万"))).body(not(containsString("auth-li")));
        }
    }

    @Test
    void aLeadActsOnAColleaguesMatchAndReassignsItWithinTheBrokerage() {
        SuggestedPair p = newPair("陶瓷轴承球精密研磨");
        post(li, p, "shortlist", null).statusCode(200).body("broker", equalTo("auth-li"));
        post(lead, p, "notes", Map.of("text", "主管已联系企业")).statusCode(201).body("actor", equalTo("auth-lead"));
        post(lead, p, "introduce", null).statusCode(200).body("status", equalTo("INTRODUCED"))
                .body("broker", equalTo("auth-li"));
        post(lead, p, "meeting", meeting()).statusCode(200).body("status", equalTo("MEETING_SCHEDULED"));

        // The lead hands the match to a colleague, but not outside its brokerage.
        post(lead, p, "assign", Map.of("brokerSubject", "auth-rival")).statusCode(403)
                .contentType("application/problem+json");
        post(lead, p, "assign", Map.of("brokerSubject", "auth-wang")).statusCode(200)
                .body("broker", equalTo("auth-wang")).body("brokerOrganisation.id", equalTo(home.toString()));
        post(li, p, "negotiate", null).statusCode(403).body("assignedBrokerOrganisation.name", equalTo(HOME_NAME));
        post(wang, p, "negotiate", null).statusCode(200).body("status", equalTo("NEGOTIATING"));
        given().auth().oauth2(TestTokens.admin()).get("/api/matches/" + p.matchId() + "/history").then()
                .statusCode(200).body("items.find { it.action == 'INTRODUCE' }.actor", equalTo("auth-lead"))
                .body("items.find { it.action == 'ASSIGN' }.actor", equalTo("auth-lead"));
    }

    @Test
    void anAdminActsOnAnyMatch() {
        SuggestedPair p = newPair("高速公路边坡北斗位移监测");
        post(li, p, "claim", null).statusCode(200);
        String admin = TestTokens.admin();
        post(admin, p, "notes", Map.of("text", "平台已核实双方资质")).statusCode(201).body("actorRole", equalTo("ADMIN"));
        post(admin, p, "introduce", null).statusCode(200).body("status", equalTo("INTRODUCED"))
                .body("broker", equalTo("auth-li"));
        post(admin, p, "assign", Map.of("brokerSubject", "auth-rival")).statusCode(200)
                .body("broker", equalTo("auth-rival")).body("brokerOrganisation.id", equalTo(rival.toString()));
        post(admin, p, "decline", Map.of("reasonCode", "OUT_OF_SCOPE")).statusCode(200)
                .body("status", equalTo("DECLINED"));

        // On an unassigned match an admin acts without taking it.
        SuggestedPair q = newPair("牡蛎壳粉土壤调理剂");
        post(admin, q, "shortlist", null).statusCode(200).body("status", equalTo("SHORTLISTED"))
                .body("broker", nullValue());
    }

    @Test
    void aBrokerTheDirectoryDoesNotKnowAsAnEnabledBrokerCannotClaimOrAct() {
        SuggestedPair p = newPair("电梯曳引机永磁同步节能改造");
        // A token alone: the directory has never heard of this broker.
        String ghost = broker("auth-ghost-" + UUID.randomUUID(), home);
        for (String action : List.of("claim", "shortlist", "notes", "decline")) {
            Object body = action.equals("notes") ? Map.of("text", "x")
                    : action.equals("decline") ? Map.of("reasonCode", "OUT_OF_SCOPE") : null;
            post(ghost, p, action, body).statusCode(403).contentType("application/problem+json")
                    .body("detail", containsString("directory does not know you"));
        }
        // Known, but disabled.
        identities.user("auth-off", home, "停用经理", Set.of("BROKER"), false, false);
        post(broker("auth-off", home), p, "claim", null).statusCode(403).body("detail", containsString("disabled"));
        post(broker("auth-off", home), p, "shortlist", null).statusCode(403).body("detail", containsString("disabled"));
        // Known, but not as a broker: the token's group is not enough.
        identities.user("auth-clerk", home, "文员", Set.of("PARTNER"), false, true);
        post(broker("auth-clerk", home), p, "claim", null).statusCode(403).body("detail", containsString("as a broker"));
        // A broker whose token names another organisation than the directory's.
        post(broker("auth-li", rival), p, "claim", null).statusCode(403);
        // A broker of a disabled brokerage.
        UUID closed = UUID.randomUUID();
        identities.organisation(new io.kechuang.events.identity.OrganisationState(closed, "已注销经纪公司",
                io.kechuang.events.taxonomy.OrgType.BROKERAGE, "510100", false, Identities.next(), OffsetDateTime.now()));
        identities.broker("auth-closed", closed, "注销经理");
        post(broker("auth-closed", closed), p, "claim", null).statusCode(403).body("detail", containsString("disabled"));

        JsonPath match = read(p);
        assertEquals("SUGGESTED", match.getString("status"));
        assertEquals(null, match.getString("broker"), "nobody claimed it");
        post(li, p, "claim", null).statusCode(200).body("broker", equalTo("auth-li"));

        // A broker disabled after the claim acts no more on its own match.
        identities.user("auth-li", home, "李经理", Set.of("BROKER"), false, false);
        post(li, p, "shortlist", null).statusCode(403).body("detail", containsString("disabled"));
        identities.broker("auth-li", home, "李经理");
        post(li, p, "shortlist", null).statusCode(200);
    }

    @Test
    void aMatchIsAssignedOnlyToAnExistingEnabledBrokerAndNeverLocked() {
        SuggestedPair p = newPair("玄武岩纤维连续拉丝工艺");
        String admin = TestTokens.admin();
        long version = read(p).getLong("version");
        for (String token : List.of(admin, li)) {
            post(token, p, "assign", Map.of("brokerSubject", "nobody-" + UUID.randomUUID(),
                    "brokerOrgId", UUID.randomUUID().toString())).statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("brokerSubject"));
        }
        identities.user("auth-off", home, "停用经理", Set.of("BROKER"), false, false);
        post(admin, p, "assign", Map.of("brokerSubject", "auth-off")).statusCode(400)
                .body("errors.field", hasItem("brokerSubject")).body("errors[0].message", containsString("disabled"));
        identities.user("auth-clerk", home, "文员", Set.of("PARTNER"), false, true);
        post(admin, p, "assign", Map.of("brokerSubject", "auth-clerk")).statusCode(400)
                .body("errors.field", hasItem("brokerSubject"));
        // The organisation, if given, must be the broker's own.
        post(admin, p, "assign", Map.of("brokerSubject", "auth-wang", "brokerOrgId", rival.toString())).statusCode(400)
                .body("errors.field", hasItem("brokerOrgId"));
        post(admin, p, "assign", Map.of("brokerOrgId", home.toString())).statusCode(400)
                .body("errors.field", hasItem("brokerSubject"));

        JsonPath unchanged = read(p);
        assertEquals(version, unchanged.getLong("version"), "no failed assignment changed the match");
        assertEquals(null, unchanged.getString("broker"));
        given().auth().oauth2(admin).get("/api/matches/" + p.matchId() + "/history").then().statusCode(200)
                .body("items.action", not(hasItem("ASSIGN")));

        // Not locked: any known broker still takes it; handing it on stays within the brokerage.
        post(li, p, "assign", Map.of("brokerSubject", "auth-rival")).statusCode(403)
                .body("detail", containsString("own organisation"));
        post(li, p, "assign", Map.of("brokerSubject", "auth-wang", "brokerOrgId", home.toString())).statusCode(200)
                .body("broker", equalTo("auth-wang")).body("brokerOrganisation.id", equalTo(home.toString()));
        post(wang, p, "assign", Map.of("brokerSubject", "auth-li")).statusCode(200).body("broker", equalTo("auth-li"));
        post(li, p, "shortlist", null).statusCode(200);
    }

    @Test
    void thePartiesKeepTheirOwnDeclineOnAnAssignedMatch() {
        SuggestedPair p = newPair("生猪养殖场沼气提纯");
        post(li, p, "introduce", null).statusCode(200).body("broker", equalTo("auth-li"));
        post(p.enterpriseToken(), p, "decline", Map.of("reasonCode", "PRICE_MISMATCH")).statusCode(200)
                .body("status", equalTo("DECLINED"));

        SuggestedPair q = newPair("桥梁拉索磁致伸缩检测");
        post(li, q, "introduce", null).statusCode(200);
        post(li, q, "negotiate", null).statusCode(200);
        post(q.universityToken(), q, "decline", Map.of("reasonCode", "BENEFIT_UNCLEAR")).statusCode(200)
                .body("status", equalTo("DECLINED"));

        SuggestedPair r = newPair("果园无人机变量喷药");
        post(li, r, "shortlist", null).statusCode(200);
        post(r.enterpriseToken(), r, "not-relevant", null).statusCode(200).body("decline.reasonCode",
                equalTo("NOT_RELEVANT"));
    }

    @Test
    void matchViewsNameTheBrokerAndItsBrokerageButNothingPersonal() {
        SuggestedPair p = newPair("隧道衬砌脱空雷达识别");
        given().auth().oauth2(li).get("/api/matches/" + p.matchId()).then().statusCode(200)
                .body("broker", nullValue()).body("brokerName", nullValue()).body("brokerOrganisation", nullValue());
        post(li, p, "claim", null).statusCode(200).body("brokerName", equalTo("李经理"))
                .body("brokerOrganisation.name", equalTo(HOME_NAME));
        String id = p.matchId().toString();
        given().auth().oauth2(rivalBroker).get("/api/matches/" + id).then().statusCode(200)
                .body("brokerName", equalTo("李经理")).body("brokerOrganisation.id", equalTo(home.toString()))
                .body("brokerOrganisation.name", equalTo(HOME_NAME));
        given().auth().oauth2(li).queryParam("assigned", "me").queryParam("size", 100).get("/api/matches/queue").then()
                .statusCode(200).body("items.find { it.id == '" + id + "' }.brokerName", equalTo("李经理"))
                .body("items.find { it.id == '" + id + "' }.brokerOrganisation.name", equalTo(HOME_NAME));
        given().auth().oauth2(p.enterpriseToken()).get("/api/matches").then().statusCode(200)
                .body("items.find { it.id == '" + id + "' }.brokerName", equalTo("李经理"))
                .body("items.find { it.id == '" + id + "' }.brokerOrganisation.name", equalTo(HOME_NAME));

        // A renamed brokerage and broker show their new names.
        identities.organisation(new io.kechuang.events.identity.OrganisationState(home, "天府技术转移中心",
                io.kechuang.events.taxonomy.OrgType.BROKERAGE, "510100", true, Identities.next(), OffsetDateTime.now()));
        identities.broker("auth-li", home, "李明");
        given().auth().oauth2(p.universityToken()).get("/api/matches/" + id).then().statusCode(200)
                .body("brokerName", equalTo("李明")).body("brokerOrganisation.name", equalTo("天府技术转移中心"));
    }
}

package io.kechuang.demand;

import static io.kechuang.demand.DemandApi.DEMANDS;
import static io.kechuang.demand.DemandApi.demand;
import static io.kechuang.demand.DemandApi.with;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.kechuang.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DemandAccessTest {

    private final DemandApi.Enterprise acme = DemandApi.Enterprise.register();
    private final UUID ownerOrg = acme.org();
    private final String owner = acme.user();
    private final String colleague = acme.colleague();
    private final String rival = TestTokens.enterprise(UUID.randomUUID());
    private final String university = TestTokens.university(UUID.randomUUID());
    private final String broker = TestTokens.broker(UUID.randomUUID());
    private final String partner = TestTokens.partner(UUID.randomUUID());
    private final String admin = TestTokens.admin();

    @Test
    void callsWithoutAValidTokenAre401Problems() {
        String org = UUID.randomUUID().toString();
        List<RequestSpecification> unauthenticated = new ArrayList<>();
        unauthenticated.add(given());
        for (String token : List.of(TestTokens.expired(org), TestTokens.signedByUnknownKey(org),
                TestTokens.wrongIssuer(org), TestTokens.wrongAudience(org), "not.a.jwt",
                TestTokens.forUser("nobody").groups("ENTERPRISE").mint())) {
            unauthenticated.add(given().auth().oauth2(token));
        }
        for (RequestSpecification request : unauthenticated) {
            request.contentType(ContentType.JSON).body(DemandApi.openable("无有效令牌")).post(DEMANDS).then()
                    .statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer")
                    .body("status", equalTo(401)).body("title", equalTo("Unauthenticated"));
        }
        given().get(demand(UUID.randomUUID().toString())).then().statusCode(401);
    }

    @Test
    void onlyEnterpriseUsersMayPostDemands() {
        String enterpriseRoleWrongOrg = TestTokens.forUser("mallory").org(UUID.randomUUID(), "UNIVERSITY")
                .groups("ENTERPRISE").mint();
        String enterpriseOrgWrongRole = TestTokens.forUser("trent").org(UUID.randomUUID(), "ENTERPRISE")
                .groups("PARTNER").mint();
        for (String token : List.of(university, broker, partner, admin, enterpriseRoleWrongOrg, enterpriseOrgWrongRole)) {
            with(token).body(DemandApi.openable("不应创建的需求")).post(DEMANDS).then().statusCode(403)
                    .contentType("application/problem+json");
            given().auth().oauth2(token).contentType("text/csv").body("title\n不应导入\n").post(DEMANDS + "/import")
                    .then().statusCode(403);
        }
    }

    @Test
    void draftsAndDemandsOffTheMarketAreNotFoundForOthers() {
        String draft = DemandApi.draft(owner, DemandApi.openable("未公开的草稿需求"));
        String closed = DemandApi.opened(owner, DemandApi.openable("已关闭的需求"));
        with(owner).body(Map.of("reason", "NO_LONGER_NEEDED")).post(demand(closed) + "/close").then().statusCode(200);
        String fulfilled = DemandApi.opened(owner, DemandApi.openable("已解决的需求"));
        with(owner).post(demand(fulfilled) + "/fulfil").then().statusCode(200);

        for (String id : List.of(draft, closed, fulfilled)) {
            for (String other : List.of(rival, university, broker, partner)) {
                DemandApi.read(other, id).statusCode(404).body("title", equalTo("Demand not found"));
            }
            DemandApi.read(owner, id).statusCode(200);
            DemandApi.read(colleague, id).statusCode(200);
            DemandApi.read(admin, id).statusCode(200).body("contact.phone", equalTo(DemandApi.PHONE));
        }
        with(rival).header("If-Match", "\"0\"").body(DemandApi.openable("篡改")).put(demand(draft)).then().statusCode(404);
        with(rival).post(demand(draft) + "/open").then().statusCode(404);
        with(rival).delete(demand(draft)).then().statusCode(404);
        DemandApi.read(owner, draft).statusCode(200).body("status", equalTo("DRAFT")).body("title", equalTo("未公开的草稿需求"));
    }

    @Test
    void openDemandsAreReadableByAllButConfidentialPartsOnlyByTheOwnerAndAdmins() {
        String secret = "保密：电芯来自供应商X，循环寿命实测1800次 " + UUID.randomUUID();
        String id = DemandApi.opened(owner, DemandApi.openable("动力电池SOH估计（公开）", secret));

        for (String reader : List.of(rival, university, broker, partner)) {
            String json = DemandApi.read(reader, id).statusCode(200)
                    .body("title", equalTo("动力电池SOH估计（公开）"))
                    .body("problemStatement", containsString("SOH"))
                    .body("technicalIndicators.size()", equalTo(3))
                    .body("confidentialDetails", nullValue())
                    .body("contact", nullValue())
                    .extract().asString();
            assertFalse(json.contains("confidentialDetails") || json.contains("\"contact\""), json);
            assertFalse(json.contains(secret) || json.contains(DemandApi.PHONE) || json.contains(DemandApi.EMAIL), json);
        }
        for (String privileged : List.of(owner, colleague, admin)) {
            DemandApi.read(privileged, id).statusCode(200)
                    .body("confidentialDetails", equalTo(secret))
                    .body("contact.person", equalTo("刘工"))
                    .body("contact.email", equalTo(DemandApi.EMAIL));
        }
    }

    @Test
    void othersMayNotChangeADemandTheyCanSee() {
        String id = DemandApi.opened(owner, DemandApi.openable("他人的公开需求"));
        with(rival).header("If-Match", "\"1\"").body(DemandApi.openable("篡改")).put(demand(id)).then().statusCode(403)
                .contentType("application/problem+json");
        with(rival).post(demand(id) + "/negotiate").then().statusCode(403);
        with(rival).post(demand(id) + "/fulfil").then().statusCode(403);
        with(rival).body(Map.of("reason", "NO_LONGER_NEEDED")).post(demand(id) + "/close").then().statusCode(403);
        with(university).post(demand(id) + "/negotiate").then().statusCode(403);
        with(admin).post(demand(id) + "/fulfil").then().statusCode(403);
        DemandApi.read(owner, id).statusCode(200).body("status", equalTo("OPEN")).body("version", equalTo(1))
                .body("title", equalTo("他人的公开需求"));
        with(colleague).post(demand(id) + "/negotiate").then().statusCode(200).body("status", equalTo("IN_NEGOTIATION"));
    }

    @Test
    void listsShowOthersOnlyTheMarketWithoutConfidentialParts() {
        String draft = DemandApi.draft(owner, DemandApi.openable("列表中的草稿"));
        String open = DemandApi.opened(owner, DemandApi.openable("列表中的公开需求", "列表保密信息"));
        String negotiating = DemandApi.opened(owner, DemandApi.openable("列表中洽谈中的需求", "列表保密信息"));
        with(owner).post(demand(negotiating) + "/negotiate").then().statusCode(200);
        String closed = DemandApi.opened(owner, DemandApi.openable("列表中已关闭的需求"));
        with(owner).body(Map.of("reason", "SOLVED_ELSEWHERE")).post(demand(closed) + "/close").then().statusCode(200);

        String json = with(rival).queryParam("owner", ownerOrg.toString()).get(DEMANDS).then().statusCode(200)
                .body("items.id", containsInAnyOrder(open, negotiating))
                .body("total", equalTo(2))
                .body("items.confidentialDetails", everyItem(nullValue()))
                .body("items.contact", everyItem(nullValue()))
                .extract().asString();
        assertFalse(json.contains("列表保密信息") || json.contains(DemandApi.PHONE), json);
        with(rival).queryParam("owner", ownerOrg.toString()).queryParam("status", "DRAFT").get(DEMANDS).then()
                .statusCode(200).body("total", equalTo(0));

        with(owner).queryParam("owner", ownerOrg.toString()).queryParam("size", 100).get(DEMANDS).then().statusCode(200)
                .body("items.id", containsInAnyOrder(draft, open, negotiating, closed))
                .body("items.find { it.id == '" + open + "' }.confidentialDetails", equalTo("列表保密信息"));
        with(admin).queryParam("owner", ownerOrg.toString()).get(DEMANDS).then().statusCode(200)
                .body("total", equalTo(4)).body("items.contact.phone", everyItem(equalTo(DemandApi.PHONE)));
        with(admin).queryParam("owner", ownerOrg.toString()).queryParam("status", "CLOSED").get(DEMANDS).then()
                .body("items.id", containsInAnyOrder(closed)).body("items[0].closeReason", equalTo("SOLVED_ELSEWHERE"));
    }

    @Test
    void listFiltersNarrowByFieldRegionAndDeadlineWindow() {
        UUID org = UUID.randomUUID();
        String mine = TestTokens.enterprise(org);
        String chengdu = DemandApi.opened(mine, variant("成都 新能源 半年", "NEW_ENERGY", "510104", 180));
        String mianyang = DemandApi.opened(mine, variant("绵阳 新能源 一年", "NEW_ENERGY", "510700", 365));
        String qingdao = DemandApi.opened(mine, variant("Qingdao food line", "ADVANCED_MANUFACTURING", "370200", 90));
        String owned = org.toString();

        with(rival).queryParam("owner", owned).queryParam("region", "510000").get(DEMANDS).then()
                .body("items.id", containsInAnyOrder(chengdu, mianyang));
        with(rival).queryParam("owner", owned).queryParam("region", "510100").get(DEMANDS).then()
                .body("items.id", containsInAnyOrder(chengdu));
        with(rival).queryParam("owner", owned).queryParam("region", "370200").get(DEMANDS).then()
                .body("items.id", containsInAnyOrder(qingdao));
        with(rival).queryParam("owner", owned).queryParam("field", "new_energy").get(DEMANDS).then()
                .body("items.id", containsInAnyOrder(chengdu, mianyang));
        with(rival).queryParam("owner", owned)
                .queryParam("deadlineFrom", DemandApi.today().plusDays(100).toString())
                .queryParam("deadlineTo", DemandApi.today().plusDays(180).toString()).get(DEMANDS).then()
                .body("items.id", containsInAnyOrder(chengdu));
        with(rival).queryParam("owner", owned).queryParam("deadlineTo", DemandApi.today().plusDays(90).toString())
                .get(DEMANDS).then().body("items.id", containsInAnyOrder(qingdao));
        with(rival).queryParam("owner", owned).queryParam("size", 2).queryParam("page", 1).get(DEMANDS).then()
                .body("total", equalTo(3)).body("totalPages", equalTo(2))
                .body("items.id", containsInAnyOrder(chengdu)).body("items.id", not(hasItem(qingdao)));
    }

    private static Map<String, Object> variant(String title, String field, String region, int daysToDeadline) {
        Map<String, Object> body = DemandApi.openable(title);
        body.put("technicalField", field);
        body.put("region", region);
        body.put("deadline", DemandApi.today().plusDays(daysToDeadline).toString());
        return body;
    }
}

package io.kechuang.demand;

import static io.kechuang.demand.DemandApi.demand;
import static io.kechuang.demand.DemandApi.with;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.emptyIterable;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kechuang.listing.ExpiryJob;
import io.kechuang.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@QuarkusTest
class DemandLifecycleTest {

    @Inject
    ExpiryJob expiry;

    @RegisterExtension
    final DemandEvents events = DemandEvents.duringEachTest();

    private final DemandApi.Enterprise acme = DemandApi.Enterprise.register();
    private final UUID org = acme.org();
    private final String owner = acme.user();

    @Test
    void draftsAreCreatedWithLocationAndEtagAndEmitNothing() {
        var created = with(owner).body(DemandApi.openable("电池SOH估计（草稿）", "草稿里的保密信息")).post(DemandApi.DEMANDS)
                .then().statusCode(201)
                .header("ETag", "\"0\"")
                .body("status", equalTo("DRAFT"))
                .body("ownerOrgId", equalTo(org.toString()))
                .body("confidentialDetails", equalTo("草稿里的保密信息"))
                .body("contact.phone", equalTo(DemandApi.PHONE))
                .body("openedAt", nullValue())
                .extract();
        String id = created.path("id");
        assertTrue(created.header("Location").endsWith("/api/demands/" + id), created.header("Location"));

        with(owner).header("If-Match", "\"0\"").body(DemandApi.openable("电池SOH估计（草稿，修订）"))
                .put(demand(id)).then().statusCode(200).header("ETag", "\"1\"")
                .body("title", equalTo("电池SOH估计（草稿，修订）"));
        events.assertNoneAbout(id, Duration.ofSeconds(2));
    }

    @Test
    void openUpdateNegotiateFulfilEmitOneEventEachWithTheFullPublicState() {
        String id = DemandApi.draft(owner, DemandApi.openable("动力电池健康状态在线估计"));

        with(owner).post(demand(id) + "/open").then().statusCode(200)
                .header("ETag", "\"1\"").body("status", equalTo("OPEN")).body("openedAt", notNullValue());
        JsonNode opened = events.await(id, "kechuang.demand.opened");
        assertEquals(id, opened.get("subject").asText());
        assertEquals(1, opened.get("aggregateVersion").asLong());
        assertEquals("/services/demand-service", opened.get("source").asText());
        assertEquals("1.0", opened.get("specversion").asText());
        JsonNode data = opened.get("data");
        assertEquals(id, data.get("id").asText());
        assertEquals(org.toString(), data.get("ownerOrgId").asText());
        assertEquals("OPEN", data.get("status").asText());
        assertEquals(1, data.get("version").asLong());
        assertEquals("动力电池健康状态在线估计", data.get("title").asText());
        assertEquals("SOH估计误差≤3%", data.get("technicalIndicators").get(0).asText());
        assertEquals("NEW_ENERGY", data.get("technicalField").asText());
        assertEquals("G01R31/392", data.get("ipcCodes").get(0).asText());
        assertEquals(300000, data.get("budget").get("min").asInt());
        assertEquals(800000, data.get("budget").get("max").asInt());
        assertEquals("CNY", data.get("budget").get("currency").asText());
        assertEquals(DemandApi.today().plusYears(1).toString(), data.get("deadline").asText());
        assertEquals(4, data.get("minTrl").asInt());
        assertEquals("510100", data.get("region").asText());
        assertTrue(data.get("cooperationModes").toString().contains("JOINT_DEVELOPMENT"));
        assertTrue(data.hasNonNull("openedAt"));
        assertFalse(data.has("confidentialDetails"), "confidential details never travel in events");
        assertFalse(data.has("contact"), "the contact never travels in events");

        Map<String, Object> edited = DemandApi.openable("动力电池健康状态在线估计");
        edited.put("minTrl", 6);
        with(owner).header("If-Match", "\"1\"").body(edited).put(demand(id)).then().statusCode(200)
                .header("ETag", "\"2\"").body("status", equalTo("OPEN"));
        JsonNode updated = events.await(id, "kechuang.demand.updated");
        assertEquals(2, updated.get("aggregateVersion").asLong());
        assertEquals(6, updated.get("data").get("minTrl").asInt());

        with(owner).post(demand(id) + "/negotiate").then().statusCode(200).body("status", equalTo("IN_NEGOTIATION"));
        JsonNode negotiating = events.await(id, "kechuang.demand.in-negotiation");
        assertEquals("IN_NEGOTIATION", negotiating.get("data").get("status").asText());
        assertEquals(3, negotiating.get("aggregateVersion").asLong());

        edited.put("title", "动力电池健康状态在线估计（洽谈中补充指标）");
        with(owner).header("If-Match", "\"3\"").body(edited).put(demand(id)).then().statusCode(200)
                .body("status", equalTo("IN_NEGOTIATION"));
        JsonNode updatedInNegotiation = events.await(id, "kechuang.demand.updated", 4);
        assertEquals("IN_NEGOTIATION", updatedInNegotiation.get("data").get("status").asText());
        assertEquals("动力电池健康状态在线估计（洽谈中补充指标）", updatedInNegotiation.get("data").get("title").asText());

        with(owner).post(demand(id) + "/fulfil").then().statusCode(200).header("ETag", "\"5\"")
                .body("status", equalTo("FULFILLED"));
        JsonNode fulfilled = events.await(id, "kechuang.demand.fulfilled");
        assertEquals("FULFILLED", fulfilled.get("data").get("status").asText());
        assertEquals(5, fulfilled.get("data").get("version").asLong());

        // One event per transition, versions strictly increasing, nothing for the draft stage.
        assertEquals(List.of("opened@1", "updated@2", "in-negotiation@3", "updated@4", "fulfilled@5"), events.history(id));

        // FULFILLED is final, and the 409 says so.
        with(owner).header("If-Match", "\"5\"").body(edited).put(demand(id)).then().statusCode(409)
                .contentType("application/problem+json")
                .body("currentState", equalTo("FULFILLED"))
                .body("allowedTransitions", emptyIterable());
        with(owner).body(Map.of("reason", "NO_LONGER_NEEDED")).post(demand(id) + "/close").then().statusCode(409);
    }

    @Test
    void closingRecordsAPublicReasonAndAPrivateComment() {
        String open = DemandApi.opened(owner, DemandApi.openable("冷链物流温度预测"));
        with(owner).body(Map.of("reason", "SOLVED_ELSEWHERE", "comment", "已与本地高校签约，内部评估编号QX-17"))
                .post(demand(open) + "/close").then().statusCode(200)
                .body("status", equalTo("CLOSED"))
                .body("closeReason", equalTo("SOLVED_ELSEWHERE"))
                .body("closeComment", equalTo("已与本地高校签约，内部评估编号QX-17"));
        JsonNode closed = events.await(open, "kechuang.demand.closed");
        assertEquals("CLOSED", closed.get("data").get("status").asText());
        assertEquals("SOLVED_ELSEWHERE", closed.get("data").get("closeReason").asText());
        assertEquals(2, closed.get("aggregateVersion").asLong());
        assertFalse(closed.toString().contains("QX-17"), "the owner's comment stays private: " + closed);

        String negotiating = DemandApi.opened(owner, DemandApi.openable("焊缝缺陷视觉检测"));
        with(owner).post(demand(negotiating) + "/negotiate").then().statusCode(200);
        with(owner).body(Map.of("reason", "BUDGET_CANCELLED")).post(demand(negotiating) + "/close").then()
                .statusCode(200).body("status", equalTo("CLOSED")).body("closeComment", nullValue());
        assertEquals("BUDGET_CANCELLED", events.await(negotiating, "kechuang.demand.closed").get("data").get("closeReason").asText());
        assertEquals(List.of("opened@1", "in-negotiation@2", "closed@3"), events.history(negotiating));
    }

    @Test
    void illegalTransitionsNameTheAllowedOnes() {
        String draft = DemandApi.draft(owner, DemandApi.openable("锂电池极片涂布均匀性检测"));
        for (String action : new String[] {"negotiate", "fulfil"}) {
            with(owner).post(demand(draft) + "/" + action).then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://kechuang.io/problems/illegal-transition"))
                    .body("currentState", equalTo("DRAFT"))
                    .body("allowedTransitions", contains("update", "open", "delete"));
        }
        with(owner).body(Map.of("reason", "OTHER", "comment", "测试")).post(demand(draft) + "/close").then()
                .statusCode(409).body("allowedTransitions", contains("update", "open", "delete"));

        with(owner).post(demand(draft) + "/open").then().statusCode(200);
        with(owner).post(demand(draft) + "/open").then().statusCode(409)
                .body("currentState", equalTo("OPEN"))
                .body("allowedTransitions", contains("update", "negotiate", "close", "fulfil"));
        with(owner).delete(demand(draft)).then().statusCode(409);

        with(owner).post(demand(draft) + "/negotiate").then().statusCode(200);
        with(owner).post(demand(draft) + "/negotiate").then().statusCode(409)
                .body("detail", endsWith("in state IN_NEGOTIATION"))
                .body("allowedTransitions", contains("update", "close", "fulfil"));
    }

    @Test
    void onlyDraftsCanBeDeletedAndDeletingEmitsNothing() {
        String draft = DemandApi.draft(owner, DemandApi.openable("待删除的草稿"));
        with(owner).delete(demand(draft)).then().statusCode(204);
        DemandApi.read(owner, draft).statusCode(404);
        with(owner).delete(demand(draft)).then().statusCode(404);
        events.assertNoneAbout(draft, Duration.ofSeconds(1));
    }

    @Test
    void theExpiryJobTakesOverdueDemandsOffTheMarket() {
        String soon = DemandApi.openedDueIn(owner, 3, "三天后截止的需求");
        String negotiatingSoon = DemandApi.openedDueIn(owner, 3, "三天后截止、洽谈中的需求");
        with(owner).post(demand(negotiatingSoon) + "/negotiate").then().statusCode(200);
        String later = DemandApi.opened(owner, DemandApi.openable("一年后截止的需求"));
        Map<String, Object> draftBody = DemandApi.openable("三天后截止的草稿");
        draftBody.put("deadline", DemandApi.today().plusDays(3).toString());
        String draft = DemandApi.draft(owner, draftBody);

        int expired = expiry.expireAll(DemandApi.today().plusDays(4));

        assertTrue(expired >= 2, "at least the two overdue demands expired, got " + expired);
        DemandApi.read(owner, soon).statusCode(200).body("status", equalTo("EXPIRED")).body("version", equalTo(2));
        DemandApi.read(owner, negotiatingSoon).statusCode(200).body("status", equalTo("EXPIRED")).body("version", equalTo(3));
        DemandApi.read(owner, later).statusCode(200).body("status", equalTo("OPEN"));
        DemandApi.read(owner, draft).statusCode(200).body("status", equalTo("DRAFT"));

        JsonNode event = events.await(soon, "kechuang.demand.expired");
        assertEquals("EXPIRED", event.get("data").get("status").asText());
        assertEquals(2, event.get("aggregateVersion").asLong());
        assertEquals(3, events.await(negotiatingSoon, "kechuang.demand.expired").get("aggregateVersion").asLong());

        // Off the market: others no longer see it, and it is final.
        DemandApi.read(TestTokens.enterprise(UUID.randomUUID()), soon).statusCode(404);
        with(owner).header("If-Match", "\"2\"").body(DemandApi.openable("续期")).put(demand(soon)).then().statusCode(409)
                .body("allowedTransitions", emptyIterable());
    }
}

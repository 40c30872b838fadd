package io.kechuang.demand;

import static io.kechuang.demand.DemandApi.DEMANDS;
import static io.kechuang.demand.DemandApi.demand;
import static io.kechuang.demand.DemandApi.with;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DemandVersionsAndIdempotencyTest {

    private final DemandApi.Enterprise acme = DemandApi.Enterprise.register();
    private final UUID org = acme.org();
    private final String owner = acme.user();

    @Test
    void replacingWithoutIfMatchIs428AndChangesNothing() {
        String id = DemandApi.draft(owner, DemandApi.openable("需要版本号的需求"));
        with(owner).body(DemandApi.openable("没有版本号的修改")).put(demand(id)).then().statusCode(428)
                .contentType("application/problem+json")
                .body("type", equalTo("https://kechuang.io/problems/version-required"));
        DemandApi.read(owner, id).statusCode(200).body("title", equalTo("需要版本号的需求")).header("ETag", "\"0\"");
    }

    @Test
    void aStaleIfMatchIs412AndChangesAndEmitsNothing() throws InterruptedException {
        try (DemandEvents events = DemandEvents.watch()) {
            String id = DemandApi.opened(owner, DemandApi.openable("两人同时编辑的需求"));
            with(owner).header("If-Match", "\"1\"").body(DemandApi.openable("第一位编辑的版本")).put(demand(id)).then()
                    .statusCode(200).header("ETag", "\"2\"");
            with(owner).header("If-Match", "\"1\"").body(DemandApi.openable("第二位编辑的版本")).put(demand(id)).then()
                    .statusCode(412).contentType("application/problem+json").body("currentVersion", equalTo(2));
            with(owner).header("If-Match", "\"1\"").post(demand(id) + "/negotiate").then().statusCode(412);
            with(owner).header("If-Match", "W/\"1\"").body(Map.of("reason", "NO_LONGER_NEEDED")).post(demand(id) + "/close")
                    .then().statusCode(412);

            DemandApi.read(owner, id).statusCode(200).body("title", equalTo("第一位编辑的版本"))
                    .body("status", equalTo("OPEN")).header("ETag", "\"2\"");
            events.await(id, "kechuang.demand.updated");
            Thread.sleep(1000); // time enough for a wrongly written event to follow the first
            assertEquals(List.of("opened@1", "updated@2"), events.history(id));
            with(owner).header("If-Match", "\"2\"").post(demand(id) + "/negotiate").then().statusCode(200)
                    .header("ETag", "\"3\"");
        }
    }

    @Test
    void twoEditorsRacingOnTheSameVersionCannotBothWin() throws Exception {
        String id = DemandApi.draft(owner, DemandApi.openable("并发编辑"));
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> outcomes = new ArrayList<>();
            for (String title : List.of("甲的修改", "乙的修改")) {
                outcomes.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return with(owner).header("If-Match", "\"0\"").body(DemandApi.openable(title)).put(demand(id))
                            .then().extract().statusCode();
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> outcome : outcomes) {
                statuses.add(outcome.get(30, TimeUnit.SECONDS));
            }
            statuses.sort(null);
            assertEquals(List.of(200, 412), statuses, "exactly one editor wins");
        } finally {
            pool.shutdownNow();
        }
        DemandApi.read(owner, id).statusCode(200).header("ETag", "\"1\"");
    }

    @Test
    void theSameIdempotencyKeyReplaysTheFirstResponseAndCreatesNothingNew() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = DemandApi.openable("幂等创建的需求");
        List<Response> attempts = new ArrayList<>();
        for (int attempt = 0; attempt < 3; attempt++) {
            attempts.add(with(owner).header("Idempotency-Key", key).body(body).post(DEMANDS));
        }
        Response first = attempts.getFirst();
        assertEquals(201, first.statusCode());
        assertNull(first.header("Idempotent-Replayed"), "the first answer is not a replay");
        for (Response retry : attempts.subList(1, attempts.size())) {
            assertEquals(201, retry.statusCode());
            assertEquals("true", retry.header("Idempotent-Replayed"));
            assertEquals(first.header("Location"), retry.header("Location"));
            assertEquals(first.jsonPath().getMap(""), retry.jsonPath().getMap(""), "the first body, replayed");
        }
        with(owner).queryParam("owner", org.toString()).get(DEMANDS).then().body("total", equalTo(1));

        String another = with(owner).header("Idempotency-Key", UUID.randomUUID().toString()).body(body).post(DEMANDS)
                .then().statusCode(201).extract().path("id");
        assertNotEquals(first.jsonPath().getString("id"), another, "a new key creates a new demand");
        String colleague = acme.colleague();
        String theirs = with(colleague).header("Idempotency-Key", key).body(body).post(DEMANDS).then().statusCode(201)
                .extract().path("id");
        assertNotEquals(first.jsonPath().getString("id"), theirs, "keys belong to the caller who sent them");
    }

    @Test
    void reusingAKeyForADifferentDemandIs409() {
        String key = UUID.randomUUID().toString();
        List<Response> answers = new ArrayList<>();
        for (String title : List.of("第一份需求", "第二份需求")) {
            answers.add(with(owner).header("Idempotency-Key", key).body(DemandApi.openable(title)).post(DEMANDS));
        }
        assertEquals(List.of(201, 409), answers.stream().map(Response::statusCode).toList());
        assertEquals(key, answers.get(1).jsonPath().getString("idempotencyKey"));
        assertEquals(1, DemandApi.page(owner, org).get("total").asInt(), "the conflicting request created nothing");
        with(owner).header("Idempotency-Key", "k".repeat(256)).body(DemandApi.openable("键太长")).post(DEMANDS).then()
                .statusCode(400).body("errors[0].field", equalTo("Idempotency-Key"));
    }
}

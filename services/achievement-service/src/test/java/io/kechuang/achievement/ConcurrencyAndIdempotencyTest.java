package io.kechuang.achievement;

import static io.kechuang.achievement.Api.BASE;
import static io.kechuang.achievement.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.kechuang.events.Topics;
import io.kechuang.testing.TestTokens;
import io.kechuang.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConcurrencyAndIdempotencyTest {

    private final UUID org = Api.newOrg();
    private final String owner = TestTokens.university(org);

    @Test
    void updateWithoutIfMatchIs428() {
        String id = Api.createDraft(owner, Api.complete("需要版本号"));
        as(owner).body(Api.complete("无版本号更新")).put(BASE + "/" + id).then().statusCode(428)
                .contentType("application/problem+json");
        Api.get(owner, id).statusCode(200).body("title", equalTo("需要版本号"));
    }

    @Test
    void staleIfMatchIs412AndChangesNothingAndEmitsNothing() {
        String id = Api.createPublished(owner, Api.complete("并发修改的成果"));
        try (TopicProbe events = TopicProbe.open(Api.kafka(), Topics.ACHIEVEMENTS)) {
            as(owner).header("If-Match", "\"1\"").body(Api.complete("第一次修改")).put(BASE + "/" + id).then()
                    .statusCode(200).header("ETag", "\"2\"");
            // A second editor still holding version 1 loses.
            as(owner).header("If-Match", "\"1\"").body(Api.complete("第二次修改")).put(BASE + "/" + id).then()
                    .statusCode(412).contentType("application/problem+json").body("currentVersion", equalTo(2));

            Api.get(owner, id).statusCode(200).body("title", equalTo("第一次修改")).header("ETag", "\"2\"");
            events.awaitRecord(r -> r.key().equals(id) && r.value().contains("第一次修改"), Duration.ofSeconds(10));
            events.assertNoRecord(r -> r.key().equals(id) && r.value().contains("第二次修改"), Duration.ofSeconds(2));
        }
    }

    @Test
    void sameIdempotencyKeyReturnsTheFirstResultAndCreatesNothingNew() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Api.complete("幂等创建的成果");
        var first = as(owner).header("Idempotency-Key", key).body(body).post(BASE).then().statusCode(201).extract();
        var second = as(owner).header("Idempotency-Key", key).body(body).post(BASE).then().statusCode(201)
                .header("Idempotent-Replayed", "true").extract();

        assertEquals(first.<String>path("id"), second.<String>path("id"));
        assertEquals(first.header("Location"), second.header("Location"));
        as(owner).queryParam("owner", org.toString()).get(BASE).then().body("total", equalTo(1));

        String other = as(owner).header("Idempotency-Key", UUID.randomUUID().toString()).body(body).post(BASE)
                .then().statusCode(201).extract().path("id");
        assertNotEquals(first.<String>path("id"), other, "a new key creates a new record");
    }

    @Test
    void reusingAKeyForADifferentRequestIs409() {
        String key = UUID.randomUUID().toString();
        as(owner).header("Idempotency-Key", key).body(Api.complete("第一份")).post(BASE).then().statusCode(201);
        as(owner).header("Idempotency-Key", key).body(Api.complete("第二份")).post(BASE).then().statusCode(409)
                .contentType("application/problem+json").body("idempotencyKey", equalTo(key));
    }

    @Test
    void keysAreScopedToTheCaller() {
        String key = UUID.randomUUID().toString();
        String a = as(owner).header("Idempotency-Key", key).body(Api.complete("甲")).post(BASE).then()
                .statusCode(201).extract().path("id");
        String otherOwner = TestTokens.university(Api.newOrg());
        String b = as(otherOwner).header("Idempotency-Key", key).body(Api.complete("甲")).post(BASE).then()
                .statusCode(201).extract().path("id");
        assertNotEquals(a, b);
    }
}

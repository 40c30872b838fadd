package io.kechuang.achievement;

import static io.kechuang.achievement.AchievementApi.ACHIEVEMENTS;
import static io.kechuang.achievement.AchievementApi.with;
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
class AchievementVersionsAndIdempotencyTest {

    private final UUID org = AchievementApi.newOrg();
    private final String owner = TestTokens.university(org);

    @Test
    void updateWithoutIfMatchIs428() {
        String id = AchievementApi.draft(owner, AchievementApi.publishable("需要版本号"));
        with(owner).body(AchievementApi.publishable("无版本号更新")).put(ACHIEVEMENTS + "/" + id).then().statusCode(428)
                .contentType("application/problem+json");
        AchievementApi.read(owner, id).statusCode(200).body("title", equalTo("需要版本号"));
    }

    @Test
    void staleIfMatchIs412AndChangesNothingAndEmitsNothing() {
        String id = AchievementApi.published(owner, AchievementApi.publishable("并发修改的成果"));
        try (TopicProbe events = TopicProbe.open(AchievementApi.kafka(), Topics.ACHIEVEMENTS)) {
            with(owner).header("If-Match", "\"1\"").body(AchievementApi.publishable("第一次修改")).put(ACHIEVEMENTS + "/" + id).then()
                    .statusCode(200).header("ETag", "\"2\"");
            // A second editor still holding version 1 loses.
            with(owner).header("If-Match", "\"1\"").body(AchievementApi.publishable("第二次修改")).put(ACHIEVEMENTS + "/" + id).then()
                    .statusCode(412).contentType("application/problem+json").body("currentVersion", equalTo(2));

            AchievementApi.read(owner, id).statusCode(200).body("title", equalTo("第一次修改")).header("ETag", "\"2\"");
            events.awaitRecord(r -> r.key().equals(id) && r.value().contains("第一次修改"), Duration.ofSeconds(10));
            events.assertNoRecord(r -> r.key().equals(id) && r.value().contains("第二次修改"), Duration.ofSeconds(2));
        }
    }

    @Test
    void sameIdempotencyKeyReturnsTheFirstResultAndCreatesNothingNew() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = AchievementApi.publishable("幂等创建的成果");
        var first = with(owner).header("Idempotency-Key", key).body(body).post(ACHIEVEMENTS).then().statusCode(201).extract();
        var second = with(owner).header("Idempotency-Key", key).body(body).post(ACHIEVEMENTS).then().statusCode(201)
                .header("Idempotent-Replayed", "true").extract();

        assertEquals(first.<String>path("id"), second.<String>path("id"));
        assertEquals(first.header("Location"), second.header("Location"));
        with(owner).queryParam("owner", org.toString()).get(ACHIEVEMENTS).then().body("total", equalTo(1));

        String other = with(owner).header("Idempotency-Key", UUID.randomUUID().toString()).body(body).post(ACHIEVEMENTS)
                .then().statusCode(201).extract().path("id");
        assertNotEquals(first.<String>path("id"), other, "a new key creates a new record");
    }

    @Test
    void reusingAKeyForADifferentRequestIs409() {
        String key = UUID.randomUUID().toString();
        with(owner).header("Idempotency-Key", key).body(AchievementApi.publishable("第一份")).post(ACHIEVEMENTS).then().statusCode(201);
        with(owner).header("Idempotency-Key", key).body(AchievementApi.publishable("第二份")).post(ACHIEVEMENTS).then().statusCode(409)
                .contentType("application/problem+json").body("idempotencyKey", equalTo(key));
    }

    @Test
    void keysAreScopedToTheCaller() {
        String key = UUID.randomUUID().toString();
        String a = with(owner).header("Idempotency-Key", key).body(AchievementApi.publishable("甲")).post(ACHIEVEMENTS).then()
                .statusCode(201).extract().path("id");
        String otherOwner = TestTokens.university(AchievementApi.newOrg());
        String b = with(otherOwner).header("Idempotency-Key", key).body(AchievementApi.publishable("甲")).post(ACHIEVEMENTS).then()
                .statusCode(201).extract().path("id");
        assertNotEquals(a, b);
    }
}

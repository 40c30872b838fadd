package io.kechuang.achievement;

import static io.kechuang.achievement.AchievementApi.ACHIEVEMENTS;
import static io.kechuang.achievement.AchievementApi.with;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kechuang.events.EventJson;
import io.kechuang.events.Topics;
import io.kechuang.events.achievement.AchievementState;
import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.listing.ExpiryJob;
import io.kechuang.testing.TestTokens;
import io.kechuang.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AchievementLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    ExpiryJob expiryJob;

    private final UUID org = AchievementApi.newOrg();
    private final String owner = TestTokens.university(org);
    private TopicProbe events;

    @BeforeEach
    void openProbe() {
        events = TopicProbe.open(AchievementApi.kafka(), Topics.ACHIEVEMENTS);
    }

    @AfterEach
    void closeProbe() {
        events.close();
    }

    @Test
    void draftIsCreatedWithLocationAndEtagAndEmitsNothing() {
        var response = with(owner).body(AchievementApi.publishable("一种钙钛矿光伏组件的低温封装方法")).post(ACHIEVEMENTS).then()
                .statusCode(201)
                .header("Location", startsWith("http"))
                .header("ETag", equalTo("\"0\""))
                .body("status", equalTo("DRAFT"))
                .body("ownerOrgId", equalTo(org.toString()))
                .body("contact.person", equalTo("李老师"))
                .extract();
        String id = response.path("id");
        assertTrue(response.header("Location").endsWith("/api/achievements/" + id));
        events.assertNoRecord(r -> r.key().equals(id), Duration.ofSeconds(2));
    }

    @Test
    void fullLifecycleEmitsOneEventPerTransitionWithFullPublicState() {
        String id = AchievementApi.draft(owner, AchievementApi.publishable("基于深度学习的电网负荷预测系统"));

        with(owner).header("If-Match", "\"0\"").body(AchievementApi.publishable("基于深度学习的电网负荷预测系统（修订）"))
                .put(ACHIEVEMENTS + "/" + id).then().statusCode(200).header("ETag", "\"1\"");

        with(owner).post(ACHIEVEMENTS + "/" + id + "/publish").then().statusCode(200)
                .body("status", equalTo("PUBLISHED")).body("publishedAt", notNullValue()).header("ETag", "\"2\"");
        JsonNode published = awaitEvent(id, "kechuang.achievement.published");
        assertEquals(2, published.get("aggregateVersion").asLong());
        assertEquals("/services/achievement-service", published.get("source").asText());
        assertEquals("1.0", published.get("specversion").asText());
        JsonNode data = published.get("data");
        assertEquals("PUBLISHED", data.get("status").asText());
        assertEquals("基于深度学习的电网负荷预测系统（修订）", data.get("title").asText());
        assertEquals("NEW_ENERGY", data.get("technicalField").asText());
        assertEquals(6, data.get("trl").asInt());
        assertEquals("CNY", data.get("askingPrice").get("currency").asText());
        assertFalse(data.has("contact"), "contact never travels in events");
        assertFalse(data.has("inventors"), "inventors never travel in events");
        assertFalse(published.toString().contains("028-85400000"), "no phone number anywhere in the event");
        assertFalse(published.toString().contains("zhangwei@example.edu.cn"), "no inventor email anywhere in the event");

        Map<String, Object> edited = AchievementApi.publishable("基于深度学习的电网负荷预测系统（修订）");
        edited.put("trl", 7);
        with(owner).header("If-Match", "\"2\"").body(edited).put(ACHIEVEMENTS + "/" + id).then().statusCode(200);
        JsonNode updated = awaitEvent(id, "kechuang.achievement.updated");
        assertEquals(3, updated.get("aggregateVersion").asLong());
        assertEquals(7, updated.get("data").get("trl").asInt());

        with(owner).body(Map.of("reason", "技术路线调整")).post(ACHIEVEMENTS + "/" + id + "/withdraw").then().statusCode(200)
                .body("status", equalTo("WITHDRAWN")).body("statusReason", equalTo("技术路线调整"));
        JsonNode withdrawn = awaitEvent(id, "kechuang.achievement.withdrawn");
        assertEquals("WITHDRAWN", withdrawn.get("data").get("status").asText());
        assertFalse(withdrawn.get("data").has("statusReason"), "the owner's reason is internal");

        with(owner).post(ACHIEVEMENTS + "/" + id + "/publish").then().statusCode(200).body("status", equalTo("PUBLISHED"));
        awaitEvent(id, "kechuang.achievement.published");

        with(owner).body(Map.of("reason", "已与成都某企业签订转让合同")).post(ACHIEVEMENTS + "/" + id + "/transfer").then()
                .statusCode(200).body("status", equalTo("TRANSFERRED"));
        JsonNode transferred = awaitEvent(id, "kechuang.achievement.transferred");
        assertEquals(6, transferred.get("aggregateVersion").asLong());

        // TRANSFERRED is final: no edit, no republish, and the 409 says what is allowed (nothing).
        with(owner).header("If-Match", "\"6\"").body(edited).put(ACHIEVEMENTS + "/" + id).then().statusCode(409)
                .contentType("application/problem+json")
                .body("currentState", equalTo("TRANSFERRED"))
                .body("allowedTransitions.size()", equalTo(0));
        with(owner).post(ACHIEVEMENTS + "/" + id + "/publish").then().statusCode(409);

        // Versions on the topic strictly increase, one event per transition.
        var versions = events.records().stream().filter(r -> r.key().equals(id))
                .map(r -> EventJson.read(r.value(), AchievementState.class).aggregateVersion()).toList();
        assertEquals(java.util.List.of(2L, 3L, 4L, 5L, 6L), versions);
    }

    @Test
    void illegalTransitionNamesTheAllowedOnes() {
        String id = AchievementApi.draft(owner, AchievementApi.publishable("一种高强度铝合金的热处理工艺"));
        with(owner).post(ACHIEVEMENTS + "/" + id + "/withdraw").then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://kechuang.io/problems/illegal-transition"))
                .body("currentState", equalTo("DRAFT"))
                .body("allowedTransitions", contains("update", "publish", "delete"));
    }

    @Test
    void draftCanBeDeletedButPublishedCannot() {
        String draft = AchievementApi.draft(owner, AchievementApi.publishable("草稿"));
        with(owner).delete(ACHIEVEMENTS + "/" + draft).then().statusCode(204);
        AchievementApi.read(owner, draft).statusCode(404);

        String published = AchievementApi.published(owner, AchievementApi.publishable("已发布成果"));
        with(owner).delete(ACHIEVEMENTS + "/" + published).then().statusCode(409)
                .body("allowedTransitions", hasItems("withdraw", "transfer"));
    }

    @Test
    void expiryJobExpiresOverdueListingsAndEmitsExpired() {
        Map<String, Object> body = AchievementApi.publishable("一种水稻秸秆还田机");
        body.put("expiresOn", LocalDate.now().plusDays(3).toString());
        String id = AchievementApi.published(owner, body);
        String fresh = AchievementApi.published(owner, AchievementApi.publishable("一年后到期的成果"));

        int expired = expiryJob.expireAll(LocalDate.now().plusDays(4));

        assertTrue(expired >= 1, "at least the overdue listing expired");
        AchievementApi.read(owner, id).statusCode(200).body("status", equalTo(AchievementStatus.EXPIRED.name()));
        AchievementApi.read(owner, fresh).statusCode(200).body("status", equalTo("PUBLISHED"));
        JsonNode event = awaitEvent(id, "kechuang.achievement.expired");
        assertEquals("EXPIRED", event.get("data").get("status").asText());
        // An expired listing can be renewed: new expiry date, publish again.
        with(owner).header("If-Match", "\"2\"").body(AchievementApi.publishable("一种水稻秸秆还田机")).put(ACHIEVEMENTS + "/" + id).then().statusCode(200);
        with(owner).post(ACHIEVEMENTS + "/" + id + "/publish").then().statusCode(200).body("status", equalTo("PUBLISHED"));
    }

    private JsonNode awaitEvent(String id, String type) {
        ConsumerRecord<String, String> record = events.awaitRecord(
                r -> r.key().equals(id) && r.value().contains("\"type\":\"" + type + "\""), WAIT);
        try {
            return EventJson.mapper().readTree(record.value());
        } catch (Exception e) {
            throw new AssertionError("event is not JSON: " + record.value(), e);
        }
    }
}

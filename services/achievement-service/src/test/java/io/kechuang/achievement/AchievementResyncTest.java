package io.kechuang.achievement;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kechuang.events.EventJson;
import io.kechuang.events.EventTypes;
import io.kechuang.events.Topics;
import io.kechuang.testing.SharedInfrastructure;
import io.kechuang.testing.TestTokens;
import io.kechuang.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The achievement service's resync (the mechanism is shared with demands, whose test rolls a database back): every
 * achievement that is not a draft is republished in the new epoch with its current state, one that Kafka knows but the
 * database no longer has is announced as removed, and later changes carry the new epoch.
 */
@QuarkusTest
class AchievementResyncTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String owner = TestTokens.university(AchievementApi.newOrg());

    @Test
    void resyncRepublishesWhatTheDatabaseHasAndRemovesWhatItLost() throws Exception {
        try (TopicProbe topic = TopicProbe.open(AchievementApi.kafka(), Topics.ACHIEVEMENTS)) {
            String kept = AchievementApi.published(owner, AchievementApi.publishable("一种高通量微流控细胞分选芯片"));
            String withdrawn = AchievementApi.published(owner, AchievementApi.publishable("一种农田土壤墒情无线监测节点"));
            AchievementApi.with(owner).header("If-Match", "\"1\"").body(Map.of("reason", "重新评估"))
                    .post(AchievementApi.ACHIEVEMENTS + "/" + withdrawn + "/withdraw").then().statusCode(200);
            String lost = AchievementApi.published(owner, AchievementApi.publishable("一种桥梁索力振动频率识别方法"));
            awaitType(topic, lost, EventTypes.ACHIEVEMENT_PUBLISHED, 0);
            // What a rollback does to one row: the database no longer has it, Kafka still does.
            try (Connection db = SharedInfrastructure.get().connection("achievements");
                    PreparedStatement delete = db.prepareStatement("delete from achievement where id = ?")) {
                delete.setObject(1, UUID.fromString(lost));
                assertEquals(1, delete.executeUpdate());
            }

            AchievementApi.with(TestTokens.broker(AchievementApi.newOrg())).post(AchievementApi.ACHIEVEMENTS + "/resync").then().statusCode(403);
            String location = AchievementApi.with(TestTokens.admin()).post(AchievementApi.ACHIEVEMENTS + "/resync").then().statusCode(202)
                    .extract().header("Location");
            JsonNode run = awaitDone(location);
            long epoch = run.get("epoch").asLong();

            JsonNode keptEvent = awaitType(topic, kept, EventTypes.ACHIEVEMENT_RESYNCED, epoch);
            assertEquals("PUBLISHED", keptEvent.at("/data/status").asText());
            JsonNode withdrawnEvent = awaitType(topic, withdrawn, EventTypes.ACHIEVEMENT_RESYNCED, epoch);
            assertEquals("WITHDRAWN", withdrawnEvent.at("/data/status").asText());
            assertEquals(2, withdrawnEvent.get("aggregateVersion").asLong());
            JsonNode removal = awaitType(topic, lost, EventTypes.ACHIEVEMENT_REMOVED, epoch);
            assertTrue(removal.path("data").isMissingNode(), removal.toString());
            assertEquals(1, removal.get("aggregateVersion").asLong(), "the last version Kafka knew");

            AchievementApi.with(owner).header("If-Match", "\"1\"").body(Map.of("reason", "不再转让"))
                    .post(AchievementApi.ACHIEVEMENTS + "/" + kept + "/withdraw").then().statusCode(200);
            assertEquals(2, awaitType(topic, kept, EventTypes.ACHIEVEMENT_WITHDRAWN, epoch).get("aggregateVersion")
                    .asLong());
        }
    }

    private static JsonNode awaitDone(String location) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            String body = AchievementApi.with(TestTokens.admin()).get(location).then().statusCode(200).extract().asString();
            JsonNode run = parse(body);
            if (!"RUNNING".equals(run.get("status").asText())) {
                AchievementApi.with(TestTokens.admin()).get(location).then().body("status", equalTo("DONE"));
                return run;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("resync not done within " + WAIT + ": " + body);
            }
            Thread.sleep(100);
        }
    }

    private static JsonNode awaitType(TopicProbe topic, String id, String type, long epoch) {
        return parse(topic.awaitRecord(r -> {
            JsonNode e = parse(r.value());
            return id.equals(r.key()) && type.equals(e.get("type").asText()) && e.path("epoch").asLong() == epoch;
        }, WAIT).value());
    }

    private static JsonNode parse(String json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

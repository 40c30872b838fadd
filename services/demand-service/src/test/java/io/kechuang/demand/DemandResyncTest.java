package io.kechuang.demand;

import static io.kechuang.demand.DemandApi.demand;
import static io.kechuang.demand.DemandApi.with;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kechuang.events.EventJson;
import io.kechuang.events.EventTypes;
import io.kechuang.events.Topics;
import io.kechuang.events.match.MatchStatus;
import io.kechuang.listing.match.MatchEventsConfig;
import io.kechuang.testing.DatabaseSnapshot;
import io.kechuang.testing.MatchEvents;
import io.kechuang.testing.MatchEvents.Match;
import io.kechuang.testing.SharedInfrastructure;
import io.kechuang.testing.TestTokens;
import io.kechuang.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The demand database is rolled back to an earlier snapshot, as a crash that lost commits or a restore from a backup
 * would: Kafka then knows demands, versions and match links the database no longer has, and the next change reuses a
 * lost version number with other content. An admin's resync brings {@code demands.v1} back in line: a new epoch, every
 * demand republished as the database has it, the lost ones announced as removed, and the match links replayed.
 */
@QuarkusTest
class DemandResyncTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    MatchEventsConfig consumer;

    private final DemandApi.Enterprise owner = DemandApi.Enterprise.register();

    @Test
    void aResyncAfterARollbackLeavesOnTheTopicExactlyWhatTheDatabaseHas() throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (TopicProbe topic = TopicProbe.open(bootstrap, Topics.DEMANDS);
                MatchEvents matches = MatchEvents.open(bootstrap, consumer.group());
                Connection db = SharedInfrastructure.get().connection("demands")) {
            // Before the backup: A in negotiation through a match, B open, D a draft.
            String a = DemandApi.opened(owner.user(), DemandApi.openable("高镍三元正极材料包覆改性"));
            Match matchA = matchOf(a);
            matches.publish(matchA.next(MatchStatus.SUGGESTED), matchA.next(MatchStatus.INTRODUCED));
            matches.awaitConsumed();
            String b = DemandApi.opened(owner.user(), DemandApi.openable("锂电池极片涂布面密度在线检测"));
            String d = DemandApi.draft(owner.user(), DemandApi.openable("电池包气密性快速检测"));
            awaitEvent(topic, a, "in-negotiation", 2);
            awaitEvent(topic, b, "opened", 1);
            DatabaseSnapshot backup = DatabaseSnapshot.take(db, "resync_test_backup");

            // Acknowledged after the backup, then lost: C opened, B edited and introduced through a match, D opened.
            String c = DemandApi.opened(owner.user(), DemandApi.openable("固态电解质界面阻抗表征"));
            edit(b, 1, "锂电池极片涂布面密度在线检测（已丢失的修订）");
            Match matchB = matchOf(b);
            matches.publish(matchB.next(MatchStatus.SUGGESTED), matchB.next(MatchStatus.INTRODUCED));
            matches.awaitConsumed();
            with(owner.user()).post(demand(d) + "/open").then().statusCode(200);
            awaitEvent(topic, b, "in-negotiation", 3);
            awaitEvent(topic, c, "opened", 1);
            awaitEvent(topic, d, "opened", 1);
            assertEquals(1, count(db, "select count(*) from match_link where match_id = ?", matchB.id()));

            backup.restore(db);
            assertEquals(0, count(db, "select count(*) from match_link where match_id = ?", matchB.id()),
                    "the rollback took the match link with it");
            with(owner.user()).get(demand(c)).then().statusCode(404);
            // The next change reuses the lost version 2 of B with other content: consumers would skip it.
            String title = "锂电池极片涂布面密度在线检测（恢复后的修订）";
            edit(b, 1, title);
            topic.awaitRecord(r -> b.equals(r.key()) && title.equals(parse(r).at("/data/title").asText()), WAIT);
            assertTrue(topic.records().stream().filter(r -> b.equals(r.key())).map(DemandResyncTest::parse)
                    .filter(e -> e.get("aggregateVersion").asLong() == 2).map(e -> e.at("/data/title").asText())
                    .distinct().count() == 2, "two different events of B at version 2 before the resync");

            // Only admins resync.
            with(owner.user()).post("/api/demands/resync").then().statusCode(403);
            Response started = with(TestTokens.admin()).post("/api/demands/resync");
            started.then().statusCode(202).body("status", equalTo("RUNNING"));
            String location = started.header("Location");
            assertTrue(location.matches(".*/api/demands/resync/[0-9a-f-]{36}"), location);
            JsonNode run = awaitDone(location);
            long epoch = run.get("epoch").asLong();
            assertTrue(epoch > 0, run.toString());
            assertTrue(run.get("republished").asLong() >= 2, run.toString());
            assertTrue(run.get("removed").asLong() >= 2, run.toString());
            assertTrue(run.get("matchEventsApplied").asLong() >= 2, "B's match replayed: " + run);

            // The match links and their effects are back: B is in negotiation again, through the replayed match.
            assertEquals(1, count(db, "select count(*) from match_link where match_id = ?", matchB.id()));
            DemandApi.read(owner.user(), b).statusCode(200).body("status", equalTo("IN_NEGOTIATION"))
                    .body("title", equalTo(title)).body("version", equalTo(3));

            // On the topic, the last event of each key, in the new epoch, is what the database has.
            JsonNode lastA = awaitLast(topic, a, epoch);
            assertEquals(EventTypes.DEMAND_RESYNCED, lastA.get("type").asText());
            assertEquals("IN_NEGOTIATION", lastA.at("/data/status").asText());
            assertEquals(2, lastA.get("aggregateVersion").asLong());
            JsonNode lastB = awaitLast(topic, b, epoch);
            assertEquals(EventTypes.DEMAND_RESYNCED, lastB.get("type").asText());
            assertEquals(title, lastB.at("/data/title").asText());
            assertEquals(3, lastB.get("aggregateVersion").asLong());
            for (String gone : List.of(c, d)) {
                JsonNode last = awaitLast(topic, gone, epoch);
                assertEquals(EventTypes.DEMAND_REMOVED, last.get("type").asText(), gone);
                assertFalse(last.has("data"), "a removal carries no state: " + last);
            }
            assertEquals(0, awaitLast(topic, d, epoch).get("aggregateVersion").asLong(),
                    "D's removal is at its draft version, so that opening it again is newer");

            // Later changes carry the new epoch, so consumers apply them after the resync's state.
            with(owner.user()).post(demand(d) + "/open").then().statusCode(200);
            JsonNode reopened = awaitEvent(topic, d, "opened", 1, epoch);
            assertEquals(epoch, reopened.get("epoch").asLong());

            // A second resync while none runs is accepted and moves to a later epoch.
            JsonNode again = awaitDone(with(TestTokens.admin()).post("/api/demands/resync").then().statusCode(202)
                    .extract().header("Location"));
            assertTrue(again.get("epoch").asLong() > epoch, again.toString());
            with(TestTokens.admin()).get("/api/demands/resync").then().statusCode(200)
                    .body("items[0].id", equalTo(again.get("id").asText()));
        }
    }

    private Match matchOf(String demandId) {
        return Match.between(UUID.fromString(demandId), owner.org(), UUID.randomUUID(), UUID.randomUUID());
    }

    private void edit(String id, long version, String title) {
        Map<String, Object> body = DemandApi.openable(title);
        with(owner.user()).header("If-Match", "\"" + version + "\"").body(body).put(demand(id)).then().statusCode(200);
    }

    private static JsonNode awaitDone(String location) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonNode run = parse(with(TestTokens.admin()).get(location).then().statusCode(200).extract().asString());
            if (!"RUNNING".equals(run.get("status").asText())) {
                assertEquals("DONE", run.get("status").asText(), run.toString());
                return run;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("resync not done within " + WAIT + ": " + run);
            }
            Thread.sleep(100);
        }
    }

    private static JsonNode awaitEvent(TopicProbe topic, String id, String type, long version) {
        return awaitEvent(topic, id, type, version, 0);
    }

    private static JsonNode awaitEvent(TopicProbe topic, String id, String type, long version, long epoch) {
        return parse(topic.awaitRecord(r -> {
            JsonNode e = parse(r);
            return id.equals(r.key()) && ("kechuang.demand." + type).equals(e.get("type").asText())
                    && e.get("aggregateVersion").asLong() == version && e.path("epoch").asLong() == epoch;
        }, WAIT));
    }

    /** The last event about {@code id}, once one of {@code epoch} has arrived and nothing newer follows it. */
    private static JsonNode awaitLast(TopicProbe topic, String id, long epoch) {
        topic.awaitRecord(r -> id.equals(r.key()) && parse(r).path("epoch").asLong() == epoch, WAIT);
        List<JsonNode> about = topic.records().stream().filter(r -> id.equals(r.key())).map(DemandResyncTest::parse).toList();
        return about.get(about.size() - 1);
    }

    private static long count(Connection db, String sql, UUID id) throws Exception {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static JsonNode parse(ConsumerRecord<String, String> record) {
        return parse(record.value());
    }

    private static JsonNode parse(String json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

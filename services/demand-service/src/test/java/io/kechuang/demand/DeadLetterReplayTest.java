package io.kechuang.demand;

import static io.kechuang.demand.DemandApi.with;
import static io.kechuang.events.match.MatchStatus.INTRODUCED;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.kechuang.events.EventTypes;
import io.kechuang.events.Topics;
import io.kechuang.listing.match.MatchEventsConfig;
import io.kechuang.testing.MatchEvents;
import io.kechuang.testing.MatchEvents.Match;
import io.kechuang.testing.TestTokens;
import io.kechuang.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dead letters, listed and replayed by an admin, through the real broker and database: a match event the service
 * cannot apply (its database refuses the match's row, a switch of this test only: a trigger) is retried, then
 * dead-lettered; the list shows it with its error and origin; a replay while the cause remains fails, is audited and
 * leaves no second dead letter; once the cause is gone a replay applies it once, and replaying it again (or all)
 * applies nothing twice.
 */
@QuarkusTest
class DeadLetterReplayTest {

    private static final String DEAD_LETTERS = DemandApi.DEMANDS + "/dead-letters";

    @Inject
    MatchEventsConfig consumer;

    @Inject
    AgroalDataSource database;

    private final DemandApi.Enterprise owner = DemandApi.Enterprise.register();
    private MatchEvents matches;

    @BeforeEach
    void connect() throws SQLException {
        matches = MatchEvents.open(kafka(), consumer.group());
        sql("""
                create table if not exists dead_letter_test_refused (match_id uuid primary key);
                create or replace function dead_letter_test_refuse() returns trigger language plpgsql as $$
                begin
                    if exists (select 1 from dead_letter_test_refused r where r.match_id = new.match_id) then
                        raise exception 'refused by the test: match %', new.match_id;
                    end if;
                    return new;
                end $$;
                drop trigger if exists dead_letter_test_refuse on match_link;
                create trigger dead_letter_test_refuse before insert or update on match_link
                    for each row execute function dead_letter_test_refuse();
                """);
    }

    @AfterEach
    void disconnect() throws SQLException {
        matches.close();
        sql("drop trigger if exists dead_letter_test_refuse on match_link; drop table if exists dead_letter_test_refused");
    }

    @Test
    void aDeadLetterIsListedWithItsOriginAndReplayedOnceItsCauseIsGone() throws Exception {
        try (DemandEvents events = DemandEvents.watch();
                TopicProbe deadLetters = TopicProbe.open(kafka(), Topics.DEMAND_SERVICE_DLQ_SPEC.name())) {
            String demand = DemandApi.opened(owner.user(), DemandApi.openable("锂电池极片涂布厚度在线检测"));
            Match match = Match.between(UUID.fromString(demand), owner.org(), UUID.randomUUID(), UUID.randomUUID());
            String key = match.id().toString();
            refuse(key);
            matches.publish(match.next(INTRODUCED));
            matches.awaitConsumed();
            statusIs(demand, "OPEN", 1);

            JsonPath letter = awaitListed(key);
            String id = letter.getString("id");
            assertEquals("demand-service-matches", letter.getString("consumer"));
            assertEquals(Topics.MATCHES, letter.getString("originalTopic"));
            assertTrue(letter.getLong("originalOffset") >= 0);
            assertTrue(letter.getString("error").contains("refused by the test"), letter.getString("error"));
            assertEquals(consumer.maxAttempts(), letter.getInt("attempts"));
            assertEquals(EventTypes.MATCH_STATUS_CHANGED, letter.getString("eventType"));
            assertFalse(letter.getBoolean("replayed"));
            with(TestTokens.admin()).get(DEAD_LETTERS + "/" + id).then().statusCode(200).body("key", equalTo(key));

            // The cause is still there: the replay fails, says why, and the dead letter stays the only one.
            with(TestTokens.admin()).post(DEAD_LETTERS + "/" + id + "/replay").then().statusCode(200)
                    .body("outcome", equalTo("FAILED")).body("deadLetter", equalTo(id))
                    .body("error", org.hamcrest.Matchers.containsString("refused by the test"));
            statusIs(demand, "OPEN", 1);

            // Fixed: the replay applies the introduction, once.
            sql("delete from dead_letter_test_refused");
            with(TestTokens.admin()).post(DEAD_LETTERS + "/" + id + "/replay").then().statusCode(200)
                    .body("outcome", equalTo("APPLIED")).body("replayedBy", equalTo("platform-admin"));
            statusIs(demand, "IN_NEGOTIATION", 2);
            events.await(demand, EventTypes.DEMAND_IN_NEGOTIATION, 2);

            // Again, one by one and all at once: nothing is applied twice, and this one is not "not yet replayed".
            with(TestTokens.admin()).post(DEAD_LETTERS + "/" + id + "/replay").then().statusCode(200)
                    .body("outcome", equalTo("APPLIED"));
            JsonPath all = with(TestTokens.admin()).queryParam("limit", 500).post(DEAD_LETTERS + "/replay").then()
                    .statusCode(200).extract().jsonPath();
            assertFalse(all.getList("replays.deadLetter").contains(id), "replayed again: " + all.prettify());
            statusIs(demand, "IN_NEGOTIATION", 2);
            events.assertNoneAfter(demand, 2, Duration.ofSeconds(1));
            assertEquals(List.of("opened@1", "in-negotiation@2"), events.history(demand));
            assertEquals(1L, deadLetters.records().stream().filter(r -> key.equals(r.key())).count(), "no second dead letter");

            // The audit: in the list, and in the service's database.
            JsonPath audited = JsonPath.from(with(TestTokens.admin()).get(DEAD_LETTERS + "/" + id).then().statusCode(200)
                    .extract().asString());
            assertTrue(audited.getBoolean("replayed"));
            assertEquals("platform-admin", audited.getString("replayedBy"));
            assertEquals(List.of("APPLIED", "APPLIED", "FAILED"), audited.getList("replays.outcome"));
            assertEquals(List.of("APPLIED", "APPLIED", "FAILED"), auditedOutcomes(id));
        }
    }

    @Test
    void replayAllReplaysWhatNoReplayHasApplied() throws Exception {
        String demand = DemandApi.opened(owner.user(), DemandApi.openable("变电站巡检机器人红外测温"));
        Match match = Match.between(UUID.fromString(demand), owner.org(), UUID.randomUUID(), UUID.randomUUID());
        String key = match.id().toString();
        refuse(key);
        matches.publish(match.next(INTRODUCED));
        matches.awaitConsumed();
        String id = awaitListed(key).getString("id");
        sql("delete from dead_letter_test_refused");

        JsonPath all = with(TestTokens.admin()).queryParam("limit", 500).post(DEAD_LETTERS + "/replay").then()
                .statusCode(200).extract().jsonPath();
        int mine = all.getList("replays.deadLetter").indexOf(id);
        assertTrue(mine >= 0, all.prettify());
        assertEquals("APPLIED", all.getString("replays[" + mine + "].outcome"));
        statusIs(demand, "IN_NEGOTIATION", 2);
    }

    @Test
    void badIdsAndLimitsAreProblemsNamingTheFieldAndOnlyAdminsMayLook() {
        with(TestTokens.admin()).get(DEAD_LETTERS + "/not-an-id").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("id"));
        with(TestTokens.admin()).post(DEAD_LETTERS + "/0-x/replay").then().statusCode(400)
                .body("errors.field", hasItem("id"));
        with(TestTokens.admin()).get(DEAD_LETTERS + "/0-999999999999").then().statusCode(404)
                .contentType("application/problem+json");
        with(TestTokens.admin()).post(DEAD_LETTERS + "/7-0/replay").then().statusCode(404);
        with(TestTokens.admin()).queryParam("limit", 0).post(DEAD_LETTERS + "/replay").then().statusCode(400)
                .body("errors.field", hasItem("limit"));
        with(TestTokens.admin()).queryParam("size", 101).get(DEAD_LETTERS).then().statusCode(400)
                .body("errors.field", hasItem("size"));
        with(owner.user()).get(DEAD_LETTERS).then().statusCode(403).contentType("application/problem+json");
        with(owner.user()).post(DEAD_LETTERS + "/replay").then().statusCode(403);
    }

    /** Waits until the list, newest first, shows the dead letter with this key. */
    private JsonPath awaitListed(String key) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath page = with(TestTokens.admin()).queryParam("size", 100).get(DEAD_LETTERS).then().statusCode(200)
                    .extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            for (int i = 0; i < items.size(); i++) {
                if (key.equals(items.get(i).get("key"))) {
                    return JsonPath.from(page.prettify()).setRootPath("items[" + i + "]");
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no dead letter with key " + key + " listed within 30 s");
    }

    private List<String> auditedOutcomes(String id) throws SQLException {
        String[] place = id.split("-");
        try (Connection c = database.getConnection(); var s = c.prepareStatement("select outcome, replayed_by from "
                + "dead_letter_replay where dlq_topic = ? and dlq_partition = ? and dlq_offset = ? "
                + "order by replayed_at desc")) {
            s.setString(1, Topics.DEMAND_SERVICE_DLQ_SPEC.name());
            s.setInt(2, Integer.parseInt(place[0]));
            s.setLong(3, Long.parseLong(place[1]));
            var rows = s.executeQuery();
            List<String> outcomes = new java.util.ArrayList<>();
            while (rows.next()) {
                assertEquals("platform-admin", rows.getString(2));
                outcomes.add(rows.getString(1));
            }
            return outcomes;
        }
    }

    private void refuse(String matchId) throws SQLException {
        sql("insert into dead_letter_test_refused values ('" + UUID.fromString(matchId) + "')");
    }

    private void sql(String statements) throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute(statements);
        }
    }

    private void statusIs(String id, String status, int version) {
        DemandApi.read(owner.user(), id).statusCode(200).body("status", equalTo(status)).body("version", equalTo(version));
    }

    private static String kafka() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}

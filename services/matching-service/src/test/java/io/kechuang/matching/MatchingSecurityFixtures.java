package io.kechuang.matching;

import static io.restassured.RestAssured.given;

import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.demand.DemandStatus;
import io.kechuang.testing.security.Fixture;
import io.kechuang.testing.security.Fixtures;
import io.kechuang.testing.security.SecurityWorld;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The security suite's matches: an open demand of the world's enterprise E and a published achievement of its
 * university U, on a topic of their own, published on the listing topics as their services do; the matcher pairs them.
 * <ul>
 *   <li>{@code match}: SUGGESTED, unassigned;</li>
 *   <li>{@code match-assigned}: SUGGESTED, claimed by broker B of brokerage K;</li>
 *   <li>{@code match-introduced}: INTRODUCED by B;</li>
 *   <li>{@code match-negotiating}: NEGOTIATING, by B.</li>
 * </ul>
 * Variables: {@code id}, {@code demandId}, {@code achievementId}, {@code If-Match}. Pairs are made in batches: all
 * events first, then one wait for all suggestions.
 */
final class MatchingSecurityFixtures implements Fixtures {

    private static final String CHARACTERS = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥金木水火土山川河海风云雷电松柏梅兰竹菊"
            + "琴棋书画诗酒花茶鹤鹿龟龙凤麟虎豹熊狼鹰燕雀鸿鹄鸳鸯桃李杏梨橙柚葡萄榴枣栗榛";

    private final SecurityWorld world;
    private final Events events;
    private final Random random = new Random();

    MatchingSecurityFixtures(SecurityWorld world, Events events) {
        this.world = world;
        this.events = events;
    }

    @Override
    public Fixture create(String name) {
        return create(name, 1).get(0);
    }

    @Override
    public List<Fixture> create(String name, int count) {
        if (!List.of("match", "match-assigned", "match-introduced", "match-negotiating").contains(name)) {
            throw new IllegalArgumentException("no fixture '" + name + "': match, match-assigned, match-introduced, "
                    + "match-negotiating");
        }
        List<UUID[]> pairs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID achievement = UUID.randomUUID();
            UUID demand = UUID.randomUUID();
            String topic = topic();
            events.publish(Events.bareAchievement(achievement, world.university, 1, AchievementStatus.PUBLISHED, topic));
            events.publish(Events.bareDemand(demand, world.enterprise, 1, DemandStatus.OPEN, topic));
            pairs.add(new UUID[] {demand, achievement});
        }
        String admin = world.token("admin");
        String broker = world.token("broker");
        List<Fixture> fixtures = new ArrayList<>();
        long deadline = System.nanoTime() + 60_000_000_000L;
        for (UUID[] pair : pairs) {
            String id = null;
            while (id == null) {
                Response suggestions = given().auth().oauth2(admin).queryParam("size", 100)
                        .get("/api/matches/demands/" + pair[0] + "/suggestions");
                // 404 until the matcher has indexed the demand
                id = suggestions.statusCode() != 200 ? null : suggestions.then().extract()
                        .path("items.find { it.achievement.id == '" + pair[1] + "' }.id");
                if (id == null) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("no suggestion for demand " + pair[0] + " within 60 s");
                    }
                    sleep();
                }
            }
            Response last = given().auth().oauth2(admin).get("/api/matches/" + id);
            if (!name.equals("match")) {
                last = move(broker, id, "claim");
            }
            if (name.equals("match-introduced") || name.equals("match-negotiating")) {
                last = move(broker, id, "introduce");
            }
            if (name.equals("match-negotiating")) {
                last = move(broker, id, "negotiate");
            }
            Map<String, String> vars = new HashMap<>();
            vars.put("id", id);
            vars.put("demandId", pair[0].toString());
            vars.put("achievementId", pair[1].toString());
            String etag = last.header("ETag");
            vars.put("If-Match", etag != null ? etag : "\"" + last.path("version") + "\"");
            fixtures.add(Fixture.of(vars, "/api/matches/" + id));
        }
        return fixtures;
    }

    private static Response move(String token, String id, String action) {
        Response r = given().auth().oauth2(token).contentType(ContentType.JSON).post("/api/matches/" + id + "/" + action);
        r.then().statusCode(200);
        return r;
    }

    /** Eight characters: topics of different pairs share hardly a bigram, so each pair is its own best match. */
    private String topic() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            sb.append(CHARACTERS.charAt(random.nextInt(CHARACTERS.length())));
        }
        return sb.toString();
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

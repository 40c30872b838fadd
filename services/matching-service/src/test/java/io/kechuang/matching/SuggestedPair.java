package io.kechuang.matching;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.notNullValue;

import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.demand.DemandStatus;
import io.kechuang.events.taxonomy.TechnicalField;
import io.kechuang.testing.TestTokens;
import java.time.Duration;
import java.util.UUID;

/** A suggested pair between one university and one enterprise, on a topic no other test uses. */
public record SuggestedPair(UUID matchId, UUID achievementId, UUID demandId, UUID university, UUID enterprise) {

    public String enterpriseToken() {
        return TestTokens.enterprise(enterprise);
    }

    public String universityToken() {
        return TestTokens.university(university);
    }

    /** Publishes an achievement and a demand whose only text is {@code topic}, and waits for their suggestion. */
    public static SuggestedPair publish(Events events, String topic) {
        return publish(events, topic, TechnicalField.NEW_ENERGY);
    }

    public static SuggestedPair publish(Events events, String topic, TechnicalField field) {
        UUID university = UUID.randomUUID();
        UUID enterprise = UUID.randomUUID();
        UUID achievementId = UUID.randomUUID();
        UUID demandId = UUID.randomUUID();
        // Texts share nothing but the topic. There is no score cut-off (every item gets its best counterparts, each
        // with a confidence band), so fixtures whose topics share a bigram do pair: tests that count (statistics) use
        // topics that share none with any other fixture.
        events.publish(Events.bareAchievement(achievementId, university, 1, AchievementStatus.PUBLISHED, topic, field));
        events.publish(Events.bareDemand(demandId, enterprise, 1, DemandStatus.OPEN, topic, field));
        String token = TestTokens.enterprise(enterprise);
        String id = await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(token)
                .get("/api/matches/demands/" + demandId + "/suggestions").then().extract()
                .<String>path("items.find { it.achievement.id == '" + achievementId + "' }.id"), notNullValue());
        return new SuggestedPair(UUID.fromString(id), achievementId, demandId, university, enterprise);
    }
}

package io.kechuang.matching;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.demand.DemandStatus;
import io.kechuang.matching.learning.WeightsFile;
import io.kechuang.matching.scoring.MatchFinder;
import io.kechuang.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** The service scores with the weights and bands of the file that kechuang.matching.scoring.weights-file names. */
@QuarkusTest
@TestProfile(LearnedWeightsTest.Learned.class)
class LearnedWeightsTest {

    static final Path FILE = Path.of("src/test/resources/scoring/learned-weights.properties");

    public static final class Learned implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kechuang.matching.scoring.weights-file", FILE.toString());
        }
    }

    @Inject
    MatchingEngine engine;

    @Inject
    MatchFinder finder;

    @Test
    void suggestionsAreScoredWithTheLoadedWeightsAndBands() {
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.consumer().assigned());
        WeightsFile.Rankings file = WeightsFile.read(FILE);
        UUID university = UUID.randomUUID();
        UUID enterprise = UUID.randomUUID();
        UUID achievementId = UUID.randomUUID();
        UUID demandId = UUID.randomUUID();
        String topic = "钢包透气砖吹氩冶金";
        try (Events events = new Events(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            events.publish(Events.bareAchievement(achievementId, university, 1, AchievementStatus.PUBLISHED, topic));
            events.publish(Events.bareDemand(demandId, enterprise, 1, DemandStatus.OPEN, topic));
        }
        String token = TestTokens.enterprise(enterprise);
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(token)
                .get("/api/matches/demands/" + demandId + "/suggestions").then().extract()
                .path("items.find { it.achievement.id == '" + achievementId + "' }"), notNullValue());
        JsonPath match = given().auth().oauth2(token).get("/api/matches/demands/" + demandId + "/suggestions").then()
                .statusCode(200).extract().jsonPath().setRootPath("items.find { it.achievement.id == '" + achievementId + "' }");
        // Hybrid (the test service embeds): the file's hybrid weights, not the built-in 0.03 for the field.
        assertEquals(0.2, match.getDouble("breakdown.FIELD.weight"), 1e-12);
        assertEquals(0.65, match.getDouble("breakdown.TEXT.weight"), 1e-12);
        assertEquals(0.05, match.getDouble("breakdown.SEMANTIC.weight"), 1e-12);
        assertEquals(file.hybrid().bands().of(match.getDouble("score")).name(), match.getString("confidence"));
        assertEquals(file.hybrid(), finder.config().hybrid());
    }
}

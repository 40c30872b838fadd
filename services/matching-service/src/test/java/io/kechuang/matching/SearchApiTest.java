package io.kechuang.matching;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.kechuang.events.EventEnvelope;
import io.kechuang.events.EventJson;
import io.kechuang.events.Topics;
import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.demand.DemandStatus;
import io.kechuang.matching.search.SearchRequest;
import io.kechuang.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SearchApiTest {

    @Inject
    MatchingEngine engine;

    private Events events;
    private final String partner = TestTokens.partner(UUID.randomUUID());

    @BeforeEach
    void open() {
        events = new Events(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.consumer().assigned());
    }

    @AfterEach
    void close() {
        events.close();
    }

    private RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    @Test
    void partnersSearchPublishedAchievementsWithHighlightsAndFacets() {
        UUID id = UUID.randomUUID();
        events.publish(Events.achievement(id, UUID.randomUUID(), 1, AchievementStatus.PUBLISHED, "氢燃料电池金属双极板防腐涂层",
                "一种用于质子交换膜燃料电池金属双极板的导电防腐涂层，接触电阻低，耐腐蚀寿命超过5000小时。", List.of("双极板", "燃料电池")));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as(partner).queryParam("q", "双极板涂层").get("/api/search")
                .then().statusCode(200).body("items.id", hasItem(id.toString())));
        as(partner).queryParam("q", "双极板涂层").queryParam("type", "ACHIEVEMENT").queryParam("field", "NEW_ENERGY")
                .get("/api/search").then().statusCode(200)
                .body("items[0].id", equalTo(id.toString()))
                .body("items[0].highlights[0]", containsString("<em>"))
                .body("facets.field.NEW_ENERGY", org.hamcrest.Matchers.greaterThanOrEqualTo(1))
                .body("facets.type.ACHIEVEMENT", org.hamcrest.Matchers.greaterThanOrEqualTo(1));

        events.publish(Events.achievement(id, UUID.randomUUID(), 2, AchievementStatus.WITHDRAWN, "氢燃料电池金属双极板防腐涂层",
                "已撤回", List.of()));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as(partner).queryParam("q", "双极板涂层").get("/api/search")
                .then().statusCode(200).body("items.id", not(hasItem(id.toString()))));
    }

    @Test
    void confidentialTextThatLeaksIntoAnEventIsStillNeverSearchable() {
        UUID id = UUID.randomUUID();
        String json = EventJson.write(EventEnvelope.of("kechuang.demand.opened", "/tests", id.toString(), 1,
                Events.demand(id, UUID.randomUUID(), 1, DemandStatus.OPEN, "精密减速器齿轮磨削工艺需求", "需要提高RV减速器齿轮的磨削精度。",
                        List.of("减速器"))));
        // A faulty producer adds confidential fields; the index only ever takes the public model.
        String leaky = json.replace("\"title\":", "\"confidentialDetails\":\"机密配方甲乙丙，联系电话13800000000\",\"title\":");
        events.send(Topics.DEMANDS, id.toString(), leaky);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as(partner).queryParam("q", "减速器齿轮磨削").get("/api/search")
                .then().statusCode(200).body("items.id", hasItem(id.toString())));
        as(partner).queryParam("q", "机密配方甲乙丙").get("/api/search").then().statusCode(200)
                .body("items.id", not(hasItem(id.toString())));
        as(partner).queryParam("q", "13800000000").get("/api/search").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void boundsAreEnforcedWithProblemsNamingTheParameter() {
        as(partner).queryParam("q", "光".repeat(201)).get("/api/search").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("q"));
        as(partner).queryParam("size", 51).get("/api/search").then().statusCode(400).body("errors.field", hasItem("size"));
        as(partner).queryParam("page", 50).queryParam("size", 20).get("/api/search").then().statusCode(400)
                .body("errors.field", hasItem("page"));
        as(partner).queryParam("minTrl", 0).queryParam("maxTrl", 12).get("/api/search").then().statusCode(400)
                .body("errors.field", hasItem("minTrl")).body("errors.field", hasItem("maxTrl"));
        as(partner).queryParam("sort", "random").get("/api/search").then().statusCode(400);
        as(partner).queryParam("field", "ALCHEMY").get("/api/search").then().statusCode(400).body("errors.field", hasItem("field"));
        as(partner).queryParam("region", "Sichuan").get("/api/search").then().statusCode(400);
    }

    @Test
    void numericExtremesAreProblemsNamingTheParameterNeverServerErrors() {
        for (Object page : List.of(Integer.MAX_VALUE, "99999999999", -1, Integer.MIN_VALUE, "99999999999999999999999", "1e3")) {
            as(partner).queryParam("page", page).queryParam("size", 1).get("/api/search").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("page"));
        }
        for (Object size : List.of(Integer.MAX_VALUE, "99999999999", -1, 0, Integer.MIN_VALUE)) {
            as(partner).queryParam("size", size).get("/api/search").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("size"));
        }
        as(partner).queryParam("page", Integer.MAX_VALUE).queryParam("size", Integer.MAX_VALUE).get("/api/search").then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("page"))
                .body("errors.field", hasItem("size"));
        for (String trl : List.of("minTrl", "maxTrl")) {
            as(partner).queryParam(trl, "99999999999").get("/api/search").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem(trl));
            as(partner).queryParam(trl, Integer.MIN_VALUE).get("/api/search").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem(trl));
        }
        // The deepest page allowed still answers.
        as(partner).queryParam("page", SearchRequest.MAX_DEPTH - 1).queryParam("size", 1).get("/api/search").then()
                .statusCode(200);
    }

    @Test
    void hostileAndEmptyQueriesAreHandledAsText() {
        for (String q : List.of("光伏 AND (title:*) OR \"", "*:*", "\\", "title:[* TO *]", "", "   ")) {
            as(partner).queryParam("q", q).get("/api/search").then().statusCode(200);
        }
        given().get("/api/search").then().statusCode(401);
    }
}

package io.kechuang.achievement;

import static io.kechuang.achievement.AchievementApi.ACHIEVEMENTS;
import static io.kechuang.achievement.AchievementApi.with;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.kechuang.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AchievementValidationTest {

    private final String owner = TestTokens.university(AchievementApi.newOrg());

    @Test
    void everyInvalidFieldIsListed() {
        Map<String, Object> body = AchievementApi.publishable(" ");
        body.put("trl", 12);
        body.put("askingPrice", Map.of("amount", -5, "currency", "RMB"));
        body.put("region", "Chengdu");
        body.put("language", "fr");
        body.put("ipcCodes", List.of("not-an-ipc"));
        body.put("keywords", Collections.nCopies(21, "关键词"));
        body.put("contact", Map.of("person", "李老师", "email", "not-an-email"));

        with(owner).body(body).post(ACHIEVEMENTS).then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://kechuang.io/problems/validation"))
                .body("instance", equalTo(ACHIEVEMENTS))
                .body("errors.field", hasItems("title", "trl", "askingPrice.amount", "askingPrice.currency", "region",
                        "language", "ipcCodes[0]", "keywords", "contact.email"))
                .body("errors.find { it.field == 'askingPrice.currency' }.message", containsString("ISO 4217"))
                .body(not(containsString("Exception")));
    }

    @Test
    void malformedJsonIs400() {
        with(owner).body("{\"title\": ").post(ACHIEVEMENTS).then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Malformed request body"));
    }

    @Test
    void wrongTypeNamesTheField() {
        with(owner).body("{\"title\":\"x\",\"technicalField\":\"TIME_TRAVEL\"}").post(ACHIEVEMENTS).then().statusCode(400)
                .body("errors[0].field", equalTo("technicalField"))
                .body("errors[0].message", containsString("NEW_ENERGY"));
        with(owner).body("{\"title\":\"x\",\"trl\":\"six\"}").post(ACHIEVEMENTS).then().statusCode(400)
                .body("errors[0].field", equalTo("trl"));
        with(owner).body("{\"title\":\"x\",\"expiresOn\":\"31/12/2027\"}").post(ACHIEVEMENTS).then().statusCode(400)
                .body("errors[0].field", equalTo("expiresOn"));
    }

    @Test
    void missingBodyIs400() {
        with(owner).post(ACHIEVEMENTS).then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void publishingAnIncompleteDraftListsWhatIsMissing() {
        String id = AchievementApi.draft(owner, Map.of("title", "只有标题的草稿"));
        with(owner).post(ACHIEVEMENTS + "/" + id + "/publish").then().statusCode(400)
                .body("errors.field", hasItems("summary", "keywords", "technicalField", "ipType", "trl", "stage",
                        "cooperationModes", "askingPrice", "region", "contact"));
        AchievementApi.read(owner, id).statusCode(200).body("status", equalTo("DRAFT"));
    }

    @Test
    void publishingWithAPastExpiryDateIsRefused() {
        Map<String, Object> body = AchievementApi.publishable("过期日期在过去");
        body.put("expiresOn", "2020-01-01");
        String id = AchievementApi.draft(owner, body);
        with(owner).post(ACHIEVEMENTS + "/" + id + "/publish").then().statusCode(400)
                .body("errors.field", hasItem("expiresOn"));
    }

    @Test
    void pageSizeAndPageAreBounded() {
        with(owner).queryParam("size", 1000).get(ACHIEVEMENTS).then().statusCode(400).body("errors.field", hasItem("size"));
        with(owner).queryParam("page", -1).get(ACHIEVEMENTS).then().statusCode(400).body("errors.field", hasItem("page"));
        with(owner).queryParam("status", "NONSENSE").get(ACHIEVEMENTS).then().statusCode(400).body("errors.field", hasItem("status"));
        with(owner).queryParam("owner", "nobody").get(ACHIEVEMENTS).then().statusCode(400).body("errors.field", hasItem("owner"));
        with(owner).queryParam("updatedSince", "yesterday").get(ACHIEVEMENTS).then().statusCode(400)
                .body("errors.field", hasItem("updatedSince"));
    }

    @Test
    void oversizedBodyIs413() {
        String huge = "{\"title\":\"" + "长".repeat(6 * 1024 * 1024) + "\"}";
        with(owner).body(huge).post(ACHIEVEMENTS).then().statusCode(413)
                .contentType("application/problem+json")
                .body("maxBytes", equalTo(16 * 1024 * 1024));
    }

    @Test
    void unknownIdIs404AndMalformedIdIsNot500() {
        AchievementApi.read(owner, "00000000-0000-0000-0000-000000000000").statusCode(404).contentType("application/problem+json");
        AchievementApi.read(owner, "not-a-uuid").statusCode(404);
    }
}

package io.kechuang.achievement;

import static io.kechuang.achievement.AchievementApi.ACHIEVEMENTS;
import static io.kechuang.achievement.AchievementApi.with;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.kechuang.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AchievementAccessTest {

    private final UUID ownerOrg = AchievementApi.newOrg();
    private final String owner = TestTokens.university(ownerOrg);
    private final String otherUniversity = TestTokens.university(AchievementApi.newOrg());
    private final String enterprise = TestTokens.enterprise(AchievementApi.newOrg());

    @Test
    void noTokenIs401WithProblemBody() {
        given().get(ACHIEVEMENTS).then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401));
        given().contentType(ContentType.JSON).body(AchievementApi.publishable("x")).post(ACHIEVEMENTS).then().statusCode(401);
    }

    @Test
    void invalidTokensAre401() {
        String org = UUID.randomUUID().toString();
        for (String token : new String[] {TestTokens.expired(org), TestTokens.signedByUnknownKey(org),
                TestTokens.wrongIssuer(org), TestTokens.wrongAudience(org), "not.a.jwt"}) {
            given().auth().oauth2(token).get(ACHIEVEMENTS).then().statusCode(401).contentType("application/problem+json");
        }
    }

    @Test
    void tokenWithoutOrganisationIs401() {
        String token = TestTokens.forUser("ghost").groups("UNIVERSITY").mint();
        given().auth().oauth2(token).get(ACHIEVEMENTS).then().statusCode(401);
    }

    @Test
    void enterprisesAndBrokersCannotCreateAchievements() {
        with(enterprise).body(AchievementApi.publishable("企业不能发布成果")).post(ACHIEVEMENTS).then().statusCode(403)
                .contentType("application/problem+json");
        with(TestTokens.broker(AchievementApi.newOrg())).body(AchievementApi.publishable("经理人不能发布成果")).post(ACHIEVEMENTS).then().statusCode(403);
    }

    @Test
    void universityRoleFromAnEnterpriseOrganisationIsRefused() {
        String confused = TestTokens.forUser("mallory").org(AchievementApi.newOrg(), "ENTERPRISE").groups("UNIVERSITY").mint();
        with(confused).body(AchievementApi.publishable("组织类型不符")).post(ACHIEVEMENTS).then().statusCode(403);
    }

    @Test
    void anotherOrganisationsDraftIsNotFoundNotForbidden() {
        String draft = AchievementApi.draft(owner, AchievementApi.publishable("未公开的草稿"));
        AchievementApi.read(otherUniversity, draft).statusCode(404).body("title", equalTo("Achievement not found"));
        AchievementApi.read(enterprise, draft).statusCode(404);
        with(otherUniversity).header("If-Match", "\"0\"").body(AchievementApi.publishable("篡改")).put(ACHIEVEMENTS + "/" + draft).then()
                .statusCode(404);
        with(otherUniversity).post(ACHIEVEMENTS + "/" + draft + "/publish").then().statusCode(404);
        with(otherUniversity).delete(ACHIEVEMENTS + "/" + draft).then().statusCode(404);
        AchievementApi.read(owner, draft).statusCode(200).body("title", equalTo("未公开的草稿"));
    }

    @Test
    void publishedRecordIsReadableByAllButContactAndInventorsOnlyByOwnerAndAdmin() {
        String id = AchievementApi.published(owner, AchievementApi.publishable("一种新型锂电池隔膜材料"));

        for (String reader : new String[] {enterprise, otherUniversity, TestTokens.broker(AchievementApi.newOrg()),
                TestTokens.partner(AchievementApi.newOrg())}) {
            AchievementApi.read(reader, id).statusCode(200)
                    .body("title", equalTo("一种新型锂电池隔膜材料"))
                    .body("summary", notNullValue())
                    .body("contact", nullValue())
                    .body("inventors", nullValue())
                    .body(not(org.hamcrest.Matchers.containsString("028-85400000")));
        }
        AchievementApi.read(owner, id).statusCode(200).body("contact.phone", equalTo("028-85400000"))
                .body("inventors[0].name", equalTo("张伟"));
        AchievementApi.read(TestTokens.admin(), id).statusCode(200).body("contact.email", equalTo("ttc@example.edu.cn"));
    }

    @Test
    void anotherOrganisationCannotChangeAPublishedRecord() {
        String id = AchievementApi.published(owner, AchievementApi.publishable("别人的成果"));
        with(otherUniversity).header("If-Match", "\"1\"").body(AchievementApi.publishable("篡改")).put(ACHIEVEMENTS + "/" + id).then()
                .statusCode(403);
        with(otherUniversity).post(ACHIEVEMENTS + "/" + id + "/withdraw").then().statusCode(403);
        AchievementApi.read(owner, id).statusCode(200).body("title", equalTo("别人的成果")).body("status", equalTo("PUBLISHED"));
    }

    @Test
    void listsShowOthersOnlyPublishedRecordsWithoutPrivateFields() {
        String draft = AchievementApi.draft(owner, AchievementApi.publishable("列表中的草稿"));
        String published = AchievementApi.published(owner, AchievementApi.publishable("列表中的已发布成果"));

        with(enterprise).queryParam("owner", ownerOrg.toString()).queryParam("size", 100).get(ACHIEVEMENTS).then()
                .statusCode(200)
                .body("items.id", hasItem(published))
                .body("items.id", not(hasItem(draft)))
                .body("items.contact", everyItem(nullValue()))
                .body("total", equalTo(1));
        with(owner).queryParam("owner", ownerOrg.toString()).get(ACHIEVEMENTS).then().statusCode(200)
                .body("items.id", hasItem(draft)).body("total", equalTo(2))
                .body("items.find { it.id == '" + published + "' }.contact.person", equalTo("李老师"));
        with(enterprise).queryParam("owner", ownerOrg.toString()).queryParam("status", "DRAFT").get(ACHIEVEMENTS).then()
                .statusCode(200).body("total", equalTo(0));
        with(TestTokens.admin()).queryParam("owner", ownerOrg.toString()).get(ACHIEVEMENTS).then().statusCode(200)
                .body("total", equalTo(2));
    }
}

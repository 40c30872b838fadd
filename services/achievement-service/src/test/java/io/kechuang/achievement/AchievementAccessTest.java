package io.kechuang.achievement;

import static io.kechuang.achievement.Api.BASE;
import static io.kechuang.achievement.Api.as;
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

    private final UUID ownerOrg = Api.newOrg();
    private final String owner = TestTokens.university(ownerOrg);
    private final String otherUniversity = TestTokens.university(Api.newOrg());
    private final String enterprise = TestTokens.enterprise(Api.newOrg());

    @Test
    void noTokenIs401WithProblemBody() {
        given().get(BASE).then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401));
        given().contentType(ContentType.JSON).body(Api.complete("x")).post(BASE).then().statusCode(401);
    }

    @Test
    void invalidTokensAre401() {
        String org = UUID.randomUUID().toString();
        for (String token : new String[] {TestTokens.expired(org), TestTokens.signedByUnknownKey(org),
                TestTokens.wrongIssuer(org), TestTokens.wrongAudience(org), "not.a.jwt"}) {
            given().auth().oauth2(token).get(BASE).then().statusCode(401).contentType("application/problem+json");
        }
    }

    @Test
    void tokenWithoutOrganisationIs401() {
        String token = TestTokens.forUser("ghost").groups("UNIVERSITY").mint();
        given().auth().oauth2(token).get(BASE).then().statusCode(401);
    }

    @Test
    void enterprisesAndBrokersCannotCreateAchievements() {
        as(enterprise).body(Api.complete("企业不能发布成果")).post(BASE).then().statusCode(403)
                .contentType("application/problem+json");
        as(TestTokens.broker(Api.newOrg())).body(Api.complete("经理人不能发布成果")).post(BASE).then().statusCode(403);
    }

    @Test
    void universityRoleFromAnEnterpriseOrganisationIsRefused() {
        String confused = TestTokens.forUser("mallory").org(Api.newOrg(), "ENTERPRISE").groups("UNIVERSITY").mint();
        as(confused).body(Api.complete("组织类型不符")).post(BASE).then().statusCode(403);
    }

    @Test
    void anotherOrganisationsDraftIsNotFoundNotForbidden() {
        String draft = Api.createDraft(owner, Api.complete("未公开的草稿"));
        Api.get(otherUniversity, draft).statusCode(404).body("title", equalTo("Achievement not found"));
        Api.get(enterprise, draft).statusCode(404);
        as(otherUniversity).header("If-Match", "\"0\"").body(Api.complete("篡改")).put(BASE + "/" + draft).then()
                .statusCode(404);
        as(otherUniversity).post(BASE + "/" + draft + "/publish").then().statusCode(404);
        as(otherUniversity).delete(BASE + "/" + draft).then().statusCode(404);
        Api.get(owner, draft).statusCode(200).body("title", equalTo("未公开的草稿"));
    }

    @Test
    void publishedRecordIsReadableByAllButContactAndInventorsOnlyByOwnerAndAdmin() {
        String id = Api.createPublished(owner, Api.complete("一种新型锂电池隔膜材料"));

        for (String reader : new String[] {enterprise, otherUniversity, TestTokens.broker(Api.newOrg()),
                TestTokens.partner(Api.newOrg())}) {
            Api.get(reader, id).statusCode(200)
                    .body("title", equalTo("一种新型锂电池隔膜材料"))
                    .body("summary", notNullValue())
                    .body("contact", nullValue())
                    .body("inventors", nullValue())
                    .body(not(org.hamcrest.Matchers.containsString("028-85400000")));
        }
        Api.get(owner, id).statusCode(200).body("contact.phone", equalTo("028-85400000"))
                .body("inventors[0].name", equalTo("张伟"));
        Api.get(TestTokens.admin(), id).statusCode(200).body("contact.email", equalTo("ttc@example.edu.cn"));
    }

    @Test
    void anotherOrganisationCannotChangeAPublishedRecord() {
        String id = Api.createPublished(owner, Api.complete("别人的成果"));
        as(otherUniversity).header("If-Match", "\"1\"").body(Api.complete("篡改")).put(BASE + "/" + id).then()
                .statusCode(403);
        as(otherUniversity).post(BASE + "/" + id + "/withdraw").then().statusCode(403);
        Api.get(owner, id).statusCode(200).body("title", equalTo("别人的成果")).body("status", equalTo("PUBLISHED"));
    }

    @Test
    void listsShowOthersOnlyPublishedRecordsWithoutPrivateFields() {
        String draft = Api.createDraft(owner, Api.complete("列表中的草稿"));
        String published = Api.createPublished(owner, Api.complete("列表中的已发布成果"));

        as(enterprise).queryParam("owner", ownerOrg.toString()).queryParam("size", 100).get(BASE).then()
                .statusCode(200)
                .body("items.id", hasItem(published))
                .body("items.id", not(hasItem(draft)))
                .body("items.contact", everyItem(nullValue()))
                .body("total", equalTo(1));
        as(owner).queryParam("owner", ownerOrg.toString()).get(BASE).then().statusCode(200)
                .body("items.id", hasItem(draft)).body("total", equalTo(2))
                .body("items.find { it.id == '" + published + "' }.contact.person", equalTo("李老师"));
        as(enterprise).queryParam("owner", ownerOrg.toString()).queryParam("status", "DRAFT").get(BASE).then()
                .statusCode(200).body("total", equalTo(0));
        as(TestTokens.admin()).queryParam("owner", ownerOrg.toString()).get(BASE).then().statusCode(200)
                .body("total", equalTo(2));
    }
}

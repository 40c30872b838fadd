package io.kechuang.achievement;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsTest {

    /** Health and metrics are on the management interface (paths relative to its root, /q), not the public port. */
    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void readinessCoversDatabaseAndKafka() {
        given().get(ready).then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "Kafka connection health check"));
    }

    @Test
    void prometheusMetricsIncludeTheOutbox() {
        AchievementApi.published(io.kechuang.testing.TestTokens.university(AchievementApi.newOrg()), AchievementApi.publishable("指标测试"));
        given().get(metrics).then().statusCode(200)
                .body(containsString("kechuang_outbox_published_total"))
                .body(containsString("http_server_requests_seconds_count"));
        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/health/ready").then().statusCode(404);
    }

    @Test
    void openApiDocumentsEveryOperationWithChineseAndEnglishExamples() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/achievements/{id}/publish"))
                .body(containsString("/api/achievements/import"))
                .body("paths.'/api/achievements/import'.post.responses.keySet()", hasItems("202", "400", "403", "409"))
                .body("paths.'/api/achievements/imports'.get.operationId", equalTo("listAchievementImports"))
                .body("paths.'/api/achievements/imports/{id}'.get.operationId", equalTo("getAchievementImport"))
                .body("paths.'/api/achievements/imports/{id}/rejected'.get.operationId",
                        equalTo("getAchievementImportRejectedRows"))
                .body(containsString("钙钛矿"))
                .body(containsString("Industrial IoT"))
                .body(containsString("application/problem+json"));
    }

    @Test
    void openApiDocumentsTheConsentOperationsUnderTheAchievementsOwnIds() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/achievements/{id}/access-requests'.post.operationId",
                        equalTo("requestAchievementAccess"))
                .body("paths.'/api/achievements/access-requests'.get.operationId",
                        equalTo("listAllAchievementAccessRequests"))
                .body("paths.'/api/achievements/{id}/access-requests/{requestId}/grant'.post.responses.keySet()",
                        hasItems("200", "401", "403", "404", "409"))
                .body("paths.'/api/achievements/{id}/nda'.put.operationId", equalTo("requireAchievementNda"))
                .body("paths.'/api/achievements/{id}/nda/acceptances'.post.operationId", equalTo("acceptAchievementNda"))
                .body("paths.'/api/achievements/{id}/nda/acceptances'.get.parameters.name",
                        hasItems("updatedSince", "page", "size"));
    }
}

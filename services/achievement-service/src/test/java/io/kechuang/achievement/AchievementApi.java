package io.kechuang.achievement;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/** Test helpers: authenticated requests and realistic achievement bodies. */
final class AchievementApi {

    static final String ACHIEVEMENTS = "/api/achievements";

    private AchievementApi() {
    }

    static RequestSpecification with(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static String kafka() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** A complete, publishable achievement drawn from a real kind of listing. */
    static Map<String, Object> publishable(String title) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("summary", "采用低温固化阻水胶膜与边缘密封结构，组件在85℃/85%RH湿热老化1000小时后效率衰减小于5%。");
        body.put("description", "适用于柔性与刚性钙钛矿组件的中试线。");
        body.put("keywords", List.of("钙钛矿", "光伏组件", "封装"));
        body.put("technicalField", "NEW_ENERGY");
        body.put("ipcCodes", List.of("H01L31/048"));
        body.put("ipType", "INVENTION_PATENT");
        body.put("patents", List.of(Map.of("number", "CN202310123456.7", "legalStatus", "GRANTED")));
        body.put("trl", 6);
        body.put("stage", "PILOT");
        body.put("cooperationModes", List.of("LICENCE", "TRANSFER"));
        body.put("askingPrice", Map.of("amount", 1500000, "currency", "CNY"));
        body.put("priceNegotiable", true);
        body.put("advantages", List.of("湿热1000小时衰减<5%"));
        body.put("applicationScenarios", List.of("分布式光伏"));
        body.put("inventors", List.of(Map.of("name", "张伟", "title", "教授", "email", "zhangwei@example.edu.cn")));
        body.put("contact", Map.of("person", "李老师", "phone", "028-85400000", "email", "ttc@example.edu.cn"));
        body.put("region", "510100");
        body.put("language", "zh");
        body.put("expiresOn", LocalDate.now().plusYears(1).toString());
        return body;
    }

    static String draft(String token, Map<String, Object> body) {
        return with(token).body(body).post(ACHIEVEMENTS).then().statusCode(201).extract().path("id");
    }

    static String published(String token, Map<String, Object> body) {
        String id = draft(token, body);
        with(token).post(ACHIEVEMENTS + "/" + id + "/publish").then().statusCode(200);
        return id;
    }

    static ValidatableResponse read(String token, String id) {
        return with(token).get(ACHIEVEMENTS + "/" + id).then();
    }

    /** A CSV upload to the import endpoint. */
    static RequestSpecification csv(String token, String body) {
        return given().auth().oauth2(token).contentType("text/csv; charset=UTF-8").body(body);
    }

    /** Starts an import: 202 with the QUEUED job and its Location; returns the job's path. */
    static String startImport(RequestSpecification upload) {
        String location = upload.post(ACHIEVEMENTS + "/import").then().statusCode(202)
                .header("Location", matchesPattern(".*/api/achievements/imports/[0-9a-f-]{36}"))
                .body("status", equalTo("QUEUED")).body("rowsDone", equalTo(0))
                .extract().header("Location");
        return URI.create(location).getPath();
    }

    /** The job once it is DONE (polled until it is no longer QUEUED or RUNNING), with up to 100 rows of its report. */
    static ValidatableResponse finishedImport(String token, String job) {
        return finishedImport(token, job, Duration.ofSeconds(120));
    }

    static ValidatableResponse finishedImport(String token, String job, Duration limit) {
        await().atMost(limit).pollInterval(Duration.ofMillis(100)).until(
                () -> given().auth().oauth2(token).get(job).then().statusCode(200).extract().<String>path("status"),
                status -> !status.equals("QUEUED") && !status.equals("RUNNING"));
        return given().auth().oauth2(token).queryParam("size", 100).get(job).then().statusCode(200)
                .body("status", equalTo("DONE"));
    }

    /** The ids of a finished job's report, page by page (every row imported). */
    static List<String> reportIds(String token, String job, int rows) {
        List<String> ids = new java.util.ArrayList<>();
        for (int page = 0; page * 100 < rows; page++) {
            ids.addAll(given().auth().oauth2(token).queryParam("page", page).queryParam("size", 100).get(job).then()
                    .statusCode(200).extract().<List<String>>path("results.items.id"));
        }
        if (ids.size() != rows) {
            throw new AssertionError(ids.size() + " ids in the report of " + job + ", expected " + rows);
        }
        return ids;
    }

    static UUID newOrg() {
        return UUID.randomUUID();
    }
}

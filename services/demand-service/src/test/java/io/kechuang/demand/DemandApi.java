package io.kechuang.demand;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.kechuang.events.EventJson;
import io.kechuang.events.taxonomy.PlatformOrganisation;
import io.kechuang.testing.KechuangTestResource;
import io.kechuang.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Test helpers: authenticated requests and realistic demand bodies. Its annotation gives every test class of the
 * module the real Kafka broker and PostgreSQL (one shared instance per test JVM), with the {@code demands} database.
 */
@QuarkusTestResource(value = KechuangTestResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = KechuangTestResource.ARG_DATABASE, value = "demands"))
final class DemandApi {

    static final String DEMANDS = "/api/demands";
    /** The service's calendar, which decides whether a deadline is in the future. */
    static final ZoneId ZONE = ZoneId.of(PlatformOrganisation.ZONE);

    static final String PHONE = "028-86000000";
    static final String EMAIL = "rd@example.com";

    private DemandApi() {
    }

    /** A newly registered enterprise, as its users' tokens see it. */
    record Enterprise(UUID org) {

        static Enterprise register() {
            return new Enterprise(UUID.randomUUID());
        }

        /** A token of one of its users. */
        String user() {
            return TestTokens.enterprise(org);
        }

        /** A token of another of its users: organisations own demands, not people. */
        String colleague() {
            return TestTokens.forUser("colleague").org(org, "ENTERPRISE").groups("ENTERPRISE").mint();
        }
    }

    /** A CSV upload to the import endpoint. */
    static RequestSpecification csv(String token, String body) {
        return given().auth().oauth2(token).contentType("text/csv; charset=UTF-8").body(body);
    }

    /** Starts an import: 202 with the QUEUED job and its Location; returns the job's path. */
    static String startImport(RequestSpecification upload) {
        String location = upload.post(DEMANDS + "/import").then().statusCode(202)
                .header("Location", matchesPattern(".*/api/demands/imports/[0-9a-f-]{36}"))
                .body("status", equalTo("QUEUED")).body("rowsDone", equalTo(0))
                .extract().header("Location");
        return URI.create(location).getPath();
    }

    /** The job once it is DONE (polled until it is no longer QUEUED or RUNNING), with up to 100 rows of its report. */
    static ValidatableResponse finishedImport(String token, String job) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(
                () -> given().auth().oauth2(token).get(job).then().statusCode(200).extract().<String>path("status"),
                status -> !status.equals("QUEUED") && !status.equals("RUNNING"));
        return given().auth().oauth2(token).queryParam("size", 100).get(job).then().statusCode(200)
                .body("status", equalTo("DONE"));
    }

    static RequestSpecification with(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static String demand(String id) {
        return DEMANDS + "/" + id;
    }

    static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    /**
     * A complete demand, ready to open: a Chengdu battery-pack maker looking for state-of-health estimation. The
     * confidential details are {@code secret}, so tests can look for them where they must not be.
     */
    static Map<String, Object> openable(String title, String secret) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("problemStatement", "现有BMS在快充和低温工况下SOH误差超过8%，需要可在车规级MCU上运行的在线估计算法。");
        body.put("technicalIndicators", List.of("SOH估计误差≤3%", "-20℃至55℃有效", "单次估计≤50ms"));
        body.put("confidentialDetails", secret);
        body.put("contact", Map.of("person", "刘工", "phone", PHONE, "email", EMAIL));
        body.put("keywords", List.of("电池健康状态", "SOH估计", "电池管理系统"));
        body.put("technicalField", "NEW_ENERGY");
        body.put("ipcCodes", List.of("G01R31/392"));
        body.put("budget", Map.of("min", 300000, "max", 800000, "currency", "CNY"));
        body.put("deadline", today().plusYears(1).toString());
        body.put("cooperationModes", List.of("JOINT_DEVELOPMENT", "TECHNICAL_SERVICE"));
        body.put("minTrl", 4);
        body.put("region", "510100");
        body.put("language", "zh");
        return body;
    }

    static Map<String, Object> openable(String title) {
        return openable(title, "保密：主机厂定点项目 " + UUID.randomUUID());
    }

    static String draft(String token, Map<String, Object> body) {
        return with(token).body(body).post(DEMANDS).then().statusCode(201).extract().path("id");
    }

    /** A demand taken through DRAFT → OPEN; it is then at version 1. */
    static String opened(String token, Map<String, Object> body) {
        String id = draft(token, body);
        with(token).post(demand(id) + "/open").then().statusCode(200);
        return id;
    }

    /** An open demand whose deadline is {@code days} ahead, for the expiry job to find once the clock moves on. */
    static String openedDueIn(String token, int days, String title) {
        Map<String, Object> body = openable(title);
        body.put("deadline", today().plusDays(days).toString());
        return opened(token, body);
    }

    /** The first page of an organisation's demands as {@code token} sees them, as JSON. */
    static JsonNode page(String token, UUID owner) {
        String body = with(token).queryParam("owner", owner.toString()).queryParam("size", 100).get(DEMANDS).then()
                .statusCode(200).extract().asString();
        try {
            return EventJson.mapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static ValidatableResponse read(String token, String id) {
        return with(token).get(demand(id)).then();
    }
}

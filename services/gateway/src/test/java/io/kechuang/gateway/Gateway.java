package io.kechuang.gateway;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Test helpers: sign in through the real token endpoint and register organisations, users and clients as admin. */
final class Gateway {

    static final String ADMIN_PASSWORD = "bootstrap-admin-password";
    static final String PASSWORD = "correct-horse-battery-42";
    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);

    private Gateway() {
    }

    /** A client address of its own (X-Forwarded-For is trusted in tests), so per-address throttling stays apart. */
    static String newAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "198.51." + (n / 250) + "." + (n % 250 + 1);
    }

    static Response signIn(String username, String password, String address) {
        return given().contentType(ContentType.URLENC).header("X-Forwarded-For", address)
                .formParam("grant_type", "password").formParam("username", username).formParam("password", password)
                .post("/auth/token");
    }

    static String token(String username, String password) {
        return signIn(username, password, newAddress()).then().statusCode(200).extract().path("access_token");
    }

    static String adminToken() {
        return token("admin", ADMIN_PASSWORD);
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static String createOrganisation(String type) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "测试机构 " + type + " " + UUID.randomUUID().toString().substring(0, 8));
        body.put("type", type);
        body.put("regionCode", "510100");
        return as(adminToken()).body(body).post("/api/admin/organisations").then().statusCode(201).extract().path("id");
    }

    /** A user of a new organisation of {@code orgType} holding {@code role}; returns the username. */
    static String createUser(String orgType, String role) {
        return createUser(createOrganisation(orgType), role, "user-" + UUID.randomUUID().toString().substring(0, 8));
    }

    static String createUser(String orgId, String role, String username) {
        as(adminToken()).body(Map.of("username", username, "password", PASSWORD, "organisationId", orgId,
                "roles", List.of(role))).post("/api/admin/users").then().statusCode(201);
        return username;
    }

    /** A new API client; returns {@code [clientId, secret]}. */
    static String[] createClient(String orgId, String role, Integer rateLimit) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Portal " + UUID.randomUUID().toString().substring(0, 8));
        body.put("organisationId", orgId);
        body.put("roles", List.of(role));
        if (rateLimit != null) {
            body.put("rateLimit", rateLimit);
        }
        JsonPath created = as(adminToken()).body(body).post("/api/admin/clients").then().statusCode(201)
                .extract().jsonPath();
        return new String[] {created.getString("client.clientId"), created.getString("clientSecret")};
    }

    static String clientToken(String clientId, String secret) {
        return given().contentType(ContentType.URLENC).header("X-Forwarded-For", newAddress())
                .auth().preemptive().basic(clientId, secret)
                .formParam("grant_type", "client_credentials").post("/auth/token")
                .then().statusCode(200).extract().path("access_token");
    }

    /** The claims of a compact JWS, unverified. */
    static JsonPath claims(String token) {
        return new JsonPath(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    static JsonPath header(String token) {
        return new JsonPath(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8));
    }
}

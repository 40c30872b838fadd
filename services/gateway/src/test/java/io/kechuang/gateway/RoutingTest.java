package io.kechuang.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URL;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RoutingTest {

    private static String token;
    private static Vertx vertx;

    @TestHTTPResource("/")
    URL gateway;

    @BeforeAll
    static void startClient() {
        vertx = Vertx.vertx();
    }

    /** RestAssured knows the gateway's port only once a test runs. */
    @BeforeEach
    void signIn() {
        if (token == null) {
            token = Gateway.token(Gateway.createUser("UNIVERSITY", "UNIVERSITY"), Gateway.PASSWORD);
        }
    }

    @AfterAll
    static void close() {
        vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void eachPrefixReachesItsServiceWithTheTokenAndARequestId() {
        Map<String, String> services = Map.of("/api/achievements", "achievement-service",
                "/api/demands", "demand-service", "/api/matches", "matching-service");
        services.forEach((prefix, service) -> {
            Response response = Gateway.as(token).get(prefix + "/echo/deep?x=1&q=钙钛矿");
            response.then().statusCode(200)
                    .body("service", equalTo(service))
                    .body("method", equalTo("GET"))
                    .body("uri", equalTo(prefix + "/echo/deep?x=1&q=%E9%92%99%E9%92%9B%E7%9F%BF"))
                    .body("authorization", equalTo("Bearer " + token))
                    .body("host", equalTo(gateway.getHost() + ":" + gateway.getPort()))
                    .body("forwardedFor", notNullValue())
                    .body("forwardedProto", equalTo("http"));
            String seen = response.path("requestId");
            assertTrue(seen.matches("[0-9a-f-]{36}"), "a generated request id: " + seen);
            assertEquals(List.of(seen), response.headers().getValues("X-Request-Id"), "sent back once");
            assertEquals("600", response.header("X-RateLimit-Limit"));
        });
    }

    @Test
    void aCallersRequestIdIsKeptAndAnUnsafeOneReplaced() {
        Response kept = Gateway.as(token).header("X-Request-Id", "portal-7f3a:42").get("/api/achievements/echo");
        kept.then().statusCode(200).body("requestId", equalTo("portal-7f3a:42"));
        assertEquals(List.of("portal-7f3a:42"), kept.headers().getValues("X-Request-Id"));

        Gateway.as(token).header("X-Request-Id", "bad id\r\nwith spaces").get("/api/achievements/echo").then()
                .statusCode(200).body("requestId", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void dotSegmentsCannotSmuggleARequestToAnotherRoute() {
        Gateway.as(token).get("/api/demands/../achievements/echo").then().statusCode(200)
                .body("service", equalTo("achievement-service"))
                .body("uri", equalTo("/api/achievements/echo"));
    }

    @Test
    void requestBodiesAreStreamedToTheService() throws Exception {
        byte[] body = new byte[1536 * 1024];
        new Random(42).nextBytes(body);
        Gateway.as(token).contentType(ContentType.BINARY).body(body).post("/api/demands/echo").then().statusCode(200)
                .body("method", equalTo("POST"))
                .body("bodyBytes", equalTo(body.length))
                .body("bodySha256", equalTo(sha256(body)));
    }

    @Test
    void chunkedRequestBodiesAreStreamedUpToTheLimit() throws Exception {
        byte[] body = new byte[1024 * 1024];
        new Random(7).nextBytes(body);
        Upload upload = chunkedUpload("/api/achievements/echo", body, 64 * 1024);
        assertEquals(200, upload.status());
        io.vertx.core.json.JsonObject seen = new io.vertx.core.json.JsonObject(upload.body());
        assertEquals(body.length, seen.getLong("bodyBytes"));
        assertEquals(sha256(body), seen.getString("bodySha256"));
    }

    @Test
    void responseBodiesAreStreamedBack() {
        int size = 8 * 1024 * 1024;
        byte[] received = Gateway.as(token).queryParam("bytes", size).get("/api/matches/download")
                .then().statusCode(200).extract().asByteArray();
        byte[] expected = new byte[size];
        for (int i = 0; i < size; i++) {
            expected[i] = StubServices.pattern(i);
        }
        assertArrayEquals(expected, received);
    }

    @Test
    void aServiceThatIsDownIs503ProblemJson() {
        Gateway.as(token).get("/api/search?q=钙钛矿").then().statusCode(503).header("Retry-After", "5")
                .contentType(containsString("application/problem+json"))
                .header("X-Request-Id", notNullValue())
                .body("status", equalTo(503))
                .body("route", equalTo("search"))
                .body("instance", equalTo("/api/search"));
    }

    @Test
    void aServiceThatStaysSilentIs504() {
        long start = System.nanoTime();
        Gateway.as(token).get("/api/matches/slow").then().statusCode(504)
                .contentType(containsString("application/problem+json"))
                .body("route", equalTo("matches"));
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 5, "the 2 s idle timeout, not the 6 s answer");
    }

    @Test
    void requestsWithoutAValidTokenNeverReachAService() {
        given().get("/api/achievements/echo").then().statusCode(401)
                .contentType(containsString("application/problem+json"))
                .header("WWW-Authenticate", "Bearer")
                .body("title", equalTo("Unauthenticated"));
        given().header("Authorization", "Bearer not-a-jwt").get("/api/achievements/echo").then().statusCode(401);
        given().header("Authorization", "Basic YWRtaW46eA==").get("/api/achievements/echo").then().statusCode(401);
        given().header("Authorization", "Bearer " + io.kechuang.testing.TestTokens.university(java.util.UUID.randomUUID()))
                .get("/api/achievements/echo").then().statusCode(401);
    }

    @Test
    void aDeclaredBodyOverTheLimitIs413BeforeAnythingElse() {
        byte[] body = new byte[3 * 1024 * 1024];
        Gateway.as(token).contentType(ContentType.BINARY).body(body).post("/api/demands/echo").then().statusCode(413)
                .contentType(containsString("application/problem+json"))
                .body("maxBytes", equalTo(2 * 1024 * 1024));
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() throws Exception {
        Upload upload = chunkedUpload("/api/demands/echo", new byte[3 * 1024 * 1024], 64 * 1024);
        assertEquals(413, upload.status());
        assertTrue(upload.body().contains("\"maxBytes\":2097152"), upload.body());
    }

    @Test
    void anotherOrganisationsRecordIsThe404OfTheServiceUnchanged() {
        String mine = Gateway.token(Gateway.createUser("ENTERPRISE", "ENTERPRISE"), Gateway.PASSWORD);
        String theirs = Gateway.token(Gateway.createUser("ENTERPRISE", "ENTERPRISE"), Gateway.PASSWORD);
        String id = Gateway.as(mine).body("{}").post("/api/demands/records").then().statusCode(201)
                .extract().path("id");
        Gateway.as(mine).get("/api/demands/records/" + id).then().statusCode(200).body("id", equalTo(id));
        Gateway.as(theirs).get("/api/demands/records/" + id).then().statusCode(404)
                .contentType("application/problem+json")
                .body("title", equalTo("Demand not found"))
                .body("detail", equalTo("No demand with id " + id))
                .body(not(containsString("ownerOrgId")));
    }

    @Test
    void corsPreflightFromAPartnerPortalOriginIsAnswered() {
        given().header("Origin", "http://localhost:3000").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key")
                .options("/api/achievements").then().statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000")
                .header("Access-Control-Allow-Methods", containsString("POST"));
        Gateway.as(token).header("Origin", "http://localhost:3000").get("/api/achievements/echo").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000")
                .header("Access-Control-Expose-Headers", containsString("X-Request-Id"));
    }

    @Test
    void aCrossOriginRequestFromAnOriginNotAllowedIs403ProblemJson() {
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options("/api/achievements").then().statusCode(403)
                .contentType(containsString("application/problem+json"))
                .header("Access-Control-Allow-Origin", org.hamcrest.Matchers.nullValue())
                .body("status", equalTo(403))
                .body("detail", containsString("https://evil.example"));
        Gateway.as(token).header("Origin", "https://evil.example").get("/api/achievements/echo").then()
                .statusCode(403)
                .contentType(containsString("application/problem+json"))
                .body("status", equalTo(403));
    }

    @Test
    void aUriOverTheLimitIs414ProblemJson() {
        Gateway.as(token).get("/api/achievements/echo?q=" + "a".repeat(3900)).then().statusCode(200);
        for (int length : new int[] {4100, 20_000}) {
            Gateway.as(token).get("/api/achievements/echo?q=" + "a".repeat(length)).then().statusCode(414)
                    .contentType(containsString("application/problem+json"))
                    .body("status", equalTo(414))
                    .body("maxLength", equalTo(4096));
        }
    }

    @Test
    void everyResponseGetsAnAccessLogIdentity() {
        given().get("/.well-known/jwks.json").then().statusCode(200).header("X-Request-Id", notNullValue());
        given().contentType(ContentType.URLENC).formParam("grant_type", "nope").post("/auth/token").then()
                .statusCode(400).header("X-Request-Id", notNullValue());
        given().get("/api/admin/users").then().statusCode(401).header("X-Request-Id", notNullValue());
    }

    private record Upload(int status, String body) {
    }

    /** Sends {@code body} chunked (no Content-Length), reading the answer as soon as it comes. */
    private Upload chunkedUpload(String path, byte[] body, int chunk) throws Exception {
        HttpClient client = vertx.createHttpClient();
        try {
            RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(gateway.getHost())
                    .setPort(gateway.getPort()).setURI(path).putHeader("Authorization", "Bearer " + token)
                    .putHeader("Content-Type", "application/octet-stream");
            return client.request(options).compose(request -> {
                request.setChunked(true);
                // Read the answer in the same chain, before any of its body can arrive unheard.
                Future<Upload> answered = request.response()
                        .compose(response -> response.body().map(text -> new Upload(response.statusCode(), text.toString())));
                writeChunks(request, body, 0, chunk);
                return answered;
            }).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } finally {
            client.close();
        }
    }

    private static void writeChunks(io.vertx.core.http.HttpClientRequest request, byte[] body, int from, int chunk) {
        int at = from;
        while (at < body.length && !request.writeQueueFull()) {
            int end = Math.min(body.length, at + chunk);
            request.write(Buffer.buffer(java.util.Arrays.copyOfRange(body, at, end)));
            at = end;
        }
        if (at >= body.length) {
            request.end();
        } else {
            int next = at;
            request.drainHandler(v -> writeChunks(request, body, next, chunk));
        }
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}

package io.kechuang.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.events.taxonomy.PlatformOrganisation;
import io.kechuang.gateway.identity.service.BootstrapAdmin;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TokenIssuanceTest {

    @Inject
    BootstrapAdmin bootstrap;

    @Test
    void passwordGrantIssuesAShortLivedRs256TokenInThePlatformFormat() {
        String org = Gateway.createOrganisation("UNIVERSITY");
        String username = Gateway.createUser(org, "UNIVERSITY", "zhang.wei@scu");
        Response response = Gateway.signIn("Zhang.Wei@SCU", Gateway.PASSWORD, Gateway.newAddress());
        response.then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(900));
        String token = response.path("access_token");
        JsonPath header = Gateway.header(token);
        assertEquals("RS256", header.getString("alg"));
        assertEquals(given().get("/.well-known/jwks.json").jsonPath().getString("keys[0].kid"), header.getString("kid"));
        JsonPath claims = Gateway.claims(token);
        assertEquals("kechuang", claims.getString("iss"));
        assertEquals("kechuang-api", claims.getString("aud"));
        assertEquals(username, claims.getString("sub"));
        assertEquals(username, claims.getString("upn"));
        assertEquals(org, claims.getString("org"));
        assertEquals("UNIVERSITY", claims.getString("orgType"));
        assertEquals(List.of("UNIVERSITY"), claims.getList("groups"));
        assertEquals(900L, claims.getLong("exp") - claims.getLong("iat"));
        assertTrue(claims.getString("jti") != null);
    }

    @Test
    void clientCredentialsGrantWorksWithHttpBasicAndWithFormFields() {
        String partner = Gateway.createOrganisation("PARTNER");
        String[] client = Gateway.createClient(partner, "PARTNER", null);

        JsonPath claims = Gateway.claims(Gateway.clientToken(client[0], client[1]));
        assertEquals(client[0], claims.getString("sub"));
        assertEquals(partner, claims.getString("org"));
        assertEquals("PARTNER", claims.getString("orgType"));
        assertEquals(List.of("PARTNER"), claims.getList("groups"));

        given().contentType(ContentType.URLENC).header("X-Forwarded-For", Gateway.newAddress())
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", client[0]).formParam("client_secret", client[1])
                .post("/auth/token").then().statusCode(200).body("access_token", notNullValue());
    }

    @Test
    void wrongPasswordsAndUnknownAccountsGetTheSameOAuthError() {
        String username = Gateway.createUser("ENTERPRISE", "ENTERPRISE");
        for (String[] attempt : List.of(new String[] {username, "wrong-password-123"},
                new String[] {"nobody-" + username, Gateway.PASSWORD})) {
            Gateway.signIn(attempt[0], attempt[1], Gateway.newAddress()).then().statusCode(400)
                    .contentType(containsString("application/problem+json"))
                    .header("Cache-Control", "no-store")
                    .body("error", equalTo("invalid_grant"))
                    .body("status", equalTo(400))
                    .body("detail", equalTo("Wrong username or password"));
        }
    }

    @Test
    void wrongClientSecretIsInvalidClientWithABasicChallenge() {
        String[] client = Gateway.createClient(Gateway.createOrganisation("PARTNER"), "PARTNER", null);
        given().contentType(ContentType.URLENC).header("X-Forwarded-For", Gateway.newAddress())
                .auth().preemptive().basic(client[0], client[1] + "x")
                .formParam("grant_type", "client_credentials").post("/auth/token")
                .then().statusCode(401)
                .header("WWW-Authenticate", containsString("Basic"))
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void malformedTokenRequestsAreOAuthErrors() {
        given().contentType(ContentType.URLENC).formParam("grant_type", "authorization_code")
                .post("/auth/token").then().statusCode(400).body("error", equalTo("unsupported_grant_type"));
        given().contentType(ContentType.URLENC).formParam("username", "x")
                .post("/auth/token").then().statusCode(400).body("error", equalTo("invalid_request"));
        given().contentType(ContentType.URLENC).formParam("grant_type", "password").formParam("username", "x")
                .post("/auth/token").then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void aDisabledUserCannotSignIn() {
        String org = Gateway.createOrganisation("BROKERAGE");
        String username = Gateway.createUser(org, "BROKER", "broker-" + System.nanoTime());
        Gateway.signIn(username, Gateway.PASSWORD, Gateway.newAddress()).then().statusCode(200);
        String id = Gateway.as(Gateway.adminToken()).queryParam("organisationId", org).get("/api/admin/users")
                .then().statusCode(200).extract().path("items[0].id");
        Gateway.as(Gateway.adminToken()).body(Map.of("enabled", false)).put("/api/admin/users/" + id + "/enabled")
                .then().statusCode(200).body("enabled", equalTo(false));
        Gateway.signIn(username, Gateway.PASSWORD, Gateway.newAddress()).then().statusCode(400)
                .body("error", equalTo("invalid_grant"));
    }

    @Test
    void repeatedFailuresLockTheAccountEvenForTheRightPassword() {
        String username = Gateway.createUser("ENTERPRISE", "ENTERPRISE");
        for (int i = 0; i < 5; i++) {
            // A new address each time: this is the per-account throttle, not the per-address one.
            Gateway.signIn(username, "wrong-password-" + i, Gateway.newAddress()).then().statusCode(400);
        }
        Response locked = Gateway.signIn(username, Gateway.PASSWORD, Gateway.newAddress());
        locked.then().statusCode(429)
                .contentType(containsString("application/problem+json"))
                .header("Retry-After", notNullValue())
                .body("error", equalTo("temporarily_unavailable"));
        long retryAfter = Long.parseLong(locked.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 15 * 60, "Retry-After within the 15-minute window: " + retryAfter);
    }

    @Test
    void parallelWrongPasswordsCannotBeatTheAccountThrottle() throws Exception {
        String username = Gateway.createUser("ENTERPRISE", "ENTERPRISE");
        int attempts = 20;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                String password = "wrong-password-" + i;
                // A new address each time: this is the per-account throttle, not the per-address one.
                String address = Gateway.newAddress();
                statuses.add(pool.submit(() -> {
                    start.await();
                    return Gateway.signIn(username, password, address).statusCode();
                }));
            }
            start.countDown();
            int checked = 0;
            int throttled = 0;
            for (Future<Integer> status : statuses) {
                int code = status.get(60, TimeUnit.SECONDS);
                if (code == 400) {
                    checked++;
                } else if (code == 429) {
                    throttled++;
                }
            }
            assertTrue(checked <= 5, "at most the 5 allowed failures had their password checked: " + checked);
            assertEquals(attempts, checked + throttled, "every other attempt was throttled");
        } finally {
            pool.shutdownNow();
        }
        Gateway.signIn(username, Gateway.PASSWORD, Gateway.newAddress()).then().statusCode(429)
                .contentType(containsString("application/problem+json"))
                .body("error", equalTo("temporarily_unavailable"));
    }

    @Test
    void aSuccessfulSignInClearsEarlierFailures() {
        String username = Gateway.createUser("ENTERPRISE", "ENTERPRISE");
        for (int i = 0; i < 4; i++) {
            Gateway.signIn(username, "wrong-password-" + i, Gateway.newAddress()).then().statusCode(400);
        }
        Gateway.signIn(username, Gateway.PASSWORD, Gateway.newAddress()).then().statusCode(200);
        for (int i = 0; i < 4; i++) {
            Gateway.signIn(username, "wrong-password-" + i, Gateway.newAddress()).then().statusCode(400);
        }
        Gateway.signIn(username, Gateway.PASSWORD, Gateway.newAddress()).then().statusCode(200);
    }

    @Test
    void oneAddressGuessingManyAccountsIsThrottledButOthersAreNot() {
        String address = Gateway.newAddress();
        for (int i = 0; i < 30; i++) {
            Gateway.signIn("guess-" + i + "-" + System.nanoTime(), "wrong-password", address).then().statusCode(400);
        }
        String username = Gateway.createUser("ENTERPRISE", "ENTERPRISE");
        Gateway.signIn(username, Gateway.PASSWORD, address).then().statusCode(429).header("Retry-After", notNullValue());
        Gateway.signIn(username, Gateway.PASSWORD, Gateway.newAddress()).then().statusCode(200);
    }

    @Test
    void theBootstrapAdminExistsOnceAndCanSignIn() {
        Gateway.signIn("admin", Gateway.ADMIN_PASSWORD, Gateway.newAddress()).then().statusCode(200);
        assertTrue(bootstrap.ensureAdmin().isEmpty(), "a second start creates no second admin");
        JsonPath claims = Gateway.claims(Gateway.adminToken());
        assertEquals(PlatformOrganisation.ID.toString(), claims.getString("org"));
        assertEquals("PLATFORM", claims.getString("orgType"));
        assertEquals(List.of("ADMIN"), claims.getList("groups"));
    }
}

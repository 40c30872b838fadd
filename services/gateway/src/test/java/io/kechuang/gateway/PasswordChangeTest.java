package io.kechuang.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.events.Topics;
import io.kechuang.gateway.identity.PasswordChanged;
import io.kechuang.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Password changes on the real PostgreSQL and Kafka: a user's own change at {@code PUT /auth/password} (proven with
 * the current password, throttled like a sign-in) and an admin's reset at {@code PUT /api/admin/users/{id}/password}.
 * Either makes the old password useless at once, fires {@link PasswordChanged} after the commit, and publishes
 * nothing on identity.v1.
 */
@QuarkusTest
class PasswordChangeTest {

    private static final String NEW_PASSWORD = "another-horse-staple-43";

    @Inject
    PasswordChangedRecorder recorder;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aUserChangesTheirPasswordAndOnlyTheNewOneSignsIn() {
        User user = User.create();
        change(user.token(), Gateway.PASSWORD, NEW_PASSWORD).then().statusCode(204);
        onlyTheNewPasswordSignsIn(user);
    }

    @Test
    void aWrongCurrentPasswordIsA400NamingItAndChangesNothing() {
        User user = User.create();
        change(user.token(), "not-the-password-at-all", NEW_PASSWORD).then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("errors.field", everyItem(equalTo("currentPassword")))
                .body("errors.field", hasItem("currentPassword"))
                // The answer must not echo what was sent.
                .body(not(containsString("not-the-password-at-all")));

        Gateway.token(user.username, Gateway.PASSWORD);
        Gateway.signIn(user.username, NEW_PASSWORD, Gateway.newAddress()).then().statusCode(400);
        assertEquals(List.of(), recorder.of(user.id));
    }

    @Test
    void aNewPasswordMustHave12CharactersAndFitIn72Bytes() {
        User user = User.create();
        String token = user.token();
        change(token, Gateway.PASSWORD, "too-short").then().statusCode(400)
                .contentType(containsString("application/problem+json"))
                .body("errors.field", everyItem(equalTo("newPassword")))
                .body("errors.message", hasItem(containsString("12")));
        // 25 Chinese characters are 75 bytes in UTF-8: bcrypt would silently drop the end.
        change(token, Gateway.PASSWORD, "密".repeat(25)).then().statusCode(400)
                .body("errors.field", everyItem(equalTo("newPassword")))
                .body("errors.message", hasItem(containsString("72 bytes")));
        Map<String, Object> missing = new HashMap<>();
        missing.put("newPassword", null);
        Gateway.as(token).header("X-Forwarded-For", Gateway.newAddress()).body(missing).put("/auth/password").then()
                .statusCode(400).body("errors.field", hasItems("currentPassword", "newPassword"));
        Gateway.as(token).put("/auth/password").then().statusCode(400)
                .contentType(containsString("application/problem+json"));

        Gateway.token(user.username, Gateway.PASSWORD);
        assertEquals(List.of(), recorder.of(user.id));
    }

    @Test
    void apiClientsHaveNoPasswordToChangeAndNobodyWithoutATokenDoes() {
        String[] client = Gateway.createClient(Gateway.createOrganisation("PARTNER"), "PARTNER", null);
        change(Gateway.clientToken(client[0], client[1]), client[1], NEW_PASSWORD).then().statusCode(403)
                .contentType(containsString("application/problem+json"));
        // A client of a user's organisation, with a user's role, is still no user.
        String enterprise = Gateway.createOrganisation("ENTERPRISE");
        String[] enterpriseClient = Gateway.createClient(enterprise, "ENTERPRISE", null);
        change(Gateway.clientToken(enterpriseClient[0], enterpriseClient[1]), enterpriseClient[1], NEW_PASSWORD).then()
                .statusCode(403).contentType(containsString("application/problem+json"));

        given().contentType(ContentType.JSON).body(Map.of("currentPassword", Gateway.PASSWORD, "newPassword",
                NEW_PASSWORD)).put("/auth/password").then().statusCode(401)
                .contentType(containsString("application/problem+json"))
                .header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    void guessingTheCurrentPasswordIsThrottledLikeSigningIn() {
        User user = User.create();
        String token = user.token();
        for (int i = 0; i < 5; i++) {
            // A new address each time: this is the per-account throttle, not the per-address one.
            change(token, "wrong-password-" + i, NEW_PASSWORD).then().statusCode(400)
                    .body("errors.field", hasItem("currentPassword"));
        }
        Response locked = change(token, Gateway.PASSWORD, NEW_PASSWORD);
        locked.then().statusCode(429)
                .contentType(containsString("application/problem+json"))
                .header("Retry-After", notNullValue())
                .body("status", equalTo(429))
                .body("$", not(hasKey("error")));
        long retryAfter = Long.parseLong(locked.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 15 * 60, "Retry-After within the 15-minute window: " + retryAfter);
        // The same account budget as the token endpoint's: signing in is locked too.
        Gateway.signIn(user.username, Gateway.PASSWORD, Gateway.newAddress()).then().statusCode(429);
        assertEquals(List.of(), recorder.of(user.id));
        // Until an admin resets the password: the person was dealt with, the lock goes with the old password.
        Gateway.as(Gateway.adminToken()).body(Map.of("password", NEW_PASSWORD))
                .put("/api/admin/users/" + user.id + "/password").then().statusCode(200);
        Gateway.signIn(user.username, NEW_PASSWORD, Gateway.newAddress()).then().statusCode(200);
    }

    @Test
    void wrongCurrentPasswordsAreNotCountedAgainstTheAddress() {
        // 32 wrong current passwords from one address (over its limit of 30 failed sign-ins), 4 per account: the
        // callers hold their own tokens and can only guess their own passwords, so the address stays open.
        String office = Gateway.newAddress();
        for (int a = 0; a < 8; a++) {
            String token = User.create().token();
            for (int i = 0; i < 4; i++) {
                Gateway.as(token).header("X-Forwarded-For", office)
                        .body(Map.of("currentPassword", "wrong-password-" + i, "newPassword", NEW_PASSWORD))
                        .put("/auth/password").then().statusCode(400);
            }
        }
        User colleague = User.create();
        Gateway.signIn(colleague.username, Gateway.PASSWORD, office).then().statusCode(200);
    }

    @Test
    void anAdminSetsANewPasswordAndOnlyTheNewOneSignsIn() {
        User user = User.create();
        Gateway.as(Gateway.adminToken()).body(Map.of("password", NEW_PASSWORD))
                .put("/api/admin/users/" + user.id + "/password").then().statusCode(200)
                .body("id", equalTo(user.id)).body("username", equalTo(user.username))
                .body("version", equalTo(1))
                .body(not(containsString(NEW_PASSWORD))).body(not(containsString("$2")));
        onlyTheNewPasswordSignsIn(user);
    }

    @Test
    void onlyAnAdminResetsAndOnlyAKnownUser() {
        User user = User.create();
        String path = "/api/admin/users/" + user.id + "/password";
        String[] client = Gateway.createClient(Gateway.createOrganisation("PARTNER"), "PARTNER", null);
        for (String token : List.of(user.token(), Gateway.token(Gateway.createUser("BROKERAGE", "BROKER"),
                Gateway.PASSWORD), Gateway.clientToken(client[0], client[1]))) {
            Gateway.as(token).body(Map.of("password", NEW_PASSWORD)).put(path).then().statusCode(403)
                    .contentType(containsString("application/problem+json"));
        }
        given().contentType(ContentType.JSON).body(Map.of("password", NEW_PASSWORD)).put(path).then().statusCode(401)
                .contentType(containsString("application/problem+json"));
        String admin = Gateway.adminToken();
        Gateway.as(admin).body(Map.of("password", NEW_PASSWORD)).put("/api/admin/users/" + UUID.randomUUID()
                + "/password").then().statusCode(404).contentType(containsString("application/problem+json"));
        Gateway.as(admin).body(Map.of("password", "too-short")).put(path).then().statusCode(400)
                .body("errors.field", everyItem(equalTo("password")));
        Gateway.as(admin).body(Map.of()).put(path).then().statusCode(400).body("errors.field", hasItem("password"));

        Gateway.token(user.username, Gateway.PASSWORD);
        assertEquals(List.of(), recorder.of(user.id));
    }

    @Test
    void aPasswordChangeIsNotPublishedOnIdentityV1() {
        try (TopicProbe probe = TopicProbe.open(bootstrap, Topics.IDENTITY)) {
            User user = User.create();
            probe.awaitRecord(r -> r.key().equals(user.id), Duration.ofSeconds(20));
            change(user.token(), Gateway.PASSWORD, NEW_PASSWORD).then().statusCode(204);
            Gateway.as(Gateway.adminToken()).body(Map.of("password", Gateway.PASSWORD))
                    .put("/api/admin/users/" + user.id + "/password").then().statusCode(200);

            assertEquals(2, recorder.of(user.id).size());
            probe.assertNoRecord(r -> r.key().equals(user.id)
                    && new JsonPath(r.value()).getLong("aggregateVersion") > 1, Duration.ofSeconds(3));
            assertEquals(1, probe.records().stream().filter(r -> r.key().equals(user.id)).count());
            Gateway.as(Gateway.adminToken()).get("/api/admin/users/" + user.id).then().statusCode(200)
                    .body("version", equalTo(1));
        }
    }

    /** The old password is refused at the token endpoint, the new one signs in, and the change was heard once. */
    private void onlyTheNewPasswordSignsIn(User user) {
        Gateway.signIn(user.username, Gateway.PASSWORD, Gateway.newAddress()).then().statusCode(400)
                .body("error", equalTo("invalid_grant"));
        Gateway.token(user.username, NEW_PASSWORD);
        assertEquals(List.of(new PasswordChanged(UUID.fromString(user.id), user.username)), recorder.of(user.id));
    }

    /** {@code PUT /auth/password} from an address of its own, so per-address counts stay apart. */
    private static Response change(String token, String current, String next) {
        return Gateway.as(token).header("X-Forwarded-For", Gateway.newAddress())
                .body(Map.of("currentPassword", current, "newPassword", next)).put("/auth/password");
    }

    /** A new enterprise user, registered by the admin with {@link Gateway#PASSWORD}. */
    private record User(String id, String username) {

        static User create() {
            String username = "pw-" + UUID.randomUUID().toString().substring(0, 8);
            String id = Gateway.as(Gateway.adminToken()).body(Map.of("username", username, "password",
                    Gateway.PASSWORD, "organisationId", Gateway.createOrganisation("ENTERPRISE"), "roles",
                    List.of("ENTERPRISE"))).post("/api/admin/users").then().statusCode(201).extract().path("id");
            return new User(id, username);
        }

        String token() {
            return Gateway.token(username, Gateway.PASSWORD);
        }
    }
}

package io.kechuang.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JWK set, and a key rotation seen by a verifier configured like every service: SmallRye JWT with
 * {@code mp.jwt.verify.publickey.location} at the gateway's JWK set URL (here the gateway's own {@code /auth/me} and
 * admin API). The verifier has cached the old set (max-age 300 s), so accepting the new key proves the re-fetch on
 * an unknown {@code kid}. Runs in an application of its own with the production setting (at most one forced
 * re-fetch a minute), which no other test's unknown-kid tokens can have used up.
 */
@QuarkusTest
@TestProfile(JwksRotationTest.ProductionRefreshSettings.class)
class JwksRotationTest {

    public static class ProductionRefreshSettings implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("smallrye.jwt.jwks.forced-refresh-interval", "1");
        }
    }

    @Test
    void theJwkSetPublishesPublicRs256KeysOnly() {
        String body = given().get("/.well-known/jwks.json").then().statusCode(200)
                .header("Cache-Control", "public, max-age=300")
                .body("keys.kty", everyItem(equalTo("RSA")))
                .body("keys.use", everyItem(equalTo("sig")))
                .body("keys.alg", everyItem(equalTo("RS256")))
                .body("keys[0]", not(hasKey("d")))
                .body("keys[0]", not(hasKey("p")))
                .extract().asString();
        assertEquals(body, given().get("/auth/jwks").then().statusCode(200).extract().asString());
        String signing = Gateway.as(Gateway.adminToken()).get("/api/admin/keys").then().statusCode(200)
                .body("generated", equalTo(true)).extract().path("signingKeyId");
        assertEquals(signing, new JsonPath(body).getString("keys[0].kid"));
    }

    @Test
    void rotatedKeysAreAcceptedAtOnceAndOldTokensKeepWorking() {
        String before = Gateway.adminToken();
        String oldKid = Gateway.header(before).getString("kid");
        // The verifier fetches and caches the JWK set holding the old key.
        Gateway.as(before).get("/auth/me").then().statusCode(200).body("subject", equalTo("admin"));
        // jose4j's HttpsJwks ignores a refresh within 300 ms of the last fetch, while SmallRye JWT counts the ignored
        // attempt as its one forced refresh of the minute: on a fast machine the new kid below would then stay unknown.
        // A real rotation never follows a verifier's first fetch that closely.
        pause(Duration.ofMillis(500));

        JsonPath rotated = Gateway.as(before).post("/api/admin/keys/rotate").then().statusCode(200)
                .extract().jsonPath();
        String newKid = rotated.getString("signingKeyId");
        assertNotEquals(oldKid, newKid);
        assertEquals(List.of(newKid, oldKid), rotated.getList("publishedKeyIds"));
        assertEquals(List.of(newKid, oldKid), given().get("/.well-known/jwks.json").jsonPath().getList("keys.kid"));

        String after = Gateway.adminToken();
        assertEquals(newKid, Gateway.header(after).getString("kid"));
        Gateway.as(after).get("/auth/me").then().statusCode(200).body("subject", equalTo("admin"));
        Gateway.as(after).get("/api/admin/organisations").then().statusCode(200);
        Gateway.as(after).get("/api/achievements/echo").then().statusCode(200);

        // Tokens signed before the rotation stay valid until they expire.
        Gateway.as(before).get("/auth/me").then().statusCode(200);
        Gateway.as(before).get("/api/achievements/echo").then().statusCode(200);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

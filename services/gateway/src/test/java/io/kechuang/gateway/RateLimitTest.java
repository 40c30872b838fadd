package io.kechuang.gateway;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RateLimitTest {

    @Test
    void aClientOverItsLimitGets429WithRetryAfterAndOthersAreUnaffected() {
        String partner = Gateway.createOrganisation("PARTNER");
        String[] limited = Gateway.createClient(partner, "PARTNER", 3);
        String[] other = Gateway.createClient(partner, "PARTNER", null);
        String token = Gateway.clientToken(limited[0], limited[1]);
        for (int i = 0; i < 3; i++) {
            Gateway.as(token).get("/api/achievements/echo").then().statusCode(200)
                    .header("X-RateLimit-Limit", "3")
                    .header("X-RateLimit-Remaining", String.valueOf(2 - i));
        }
        Response refused = Gateway.as(token).get("/api/achievements/echo");
        refused.then().statusCode(429)
                .contentType(containsString("application/problem+json"))
                .header("X-RateLimit-Remaining", "0")
                .body("status", equalTo(429))
                .body("detail", containsString(limited[0]));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "within the one-minute window: " + retryAfter);

        // A new token for the same client does not reset its count: the limit is per client, not per token.
        Gateway.as(Gateway.clientToken(limited[0], limited[1])).get("/api/achievements/echo").then().statusCode(429);
        Gateway.as(Gateway.clientToken(other[0], other[1])).get("/api/achievements/echo").then().statusCode(200)
                .header("X-RateLimit-Limit", "600");
    }
}

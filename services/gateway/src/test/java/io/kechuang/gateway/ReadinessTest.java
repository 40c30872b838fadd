package io.kechuang.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Readiness covers the gateway's database (Agroal's check): sign-in and the admin API need it, so a gateway that
 * cannot reach it is not ready.
 */
@QuarkusTest
class ReadinessTest {

    @Test
    void readinessCoversTheGatewaysDatabase() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"));
    }
}

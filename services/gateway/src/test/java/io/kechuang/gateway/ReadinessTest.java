package io.kechuang.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

/**
 * Readiness covers the gateway's database (Agroal's check): sign-in and the admin API need it, so a gateway that
 * cannot reach it is not ready. Health and metrics are on the management interface only: the public port, which
 * the internet reaches, answers 404 for them.
 */
@QuarkusTest
class ReadinessTest {

    /** On the management interface; the path is relative to its root, /q. */
    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void readinessCoversTheGatewaysDatabase() {
        given().get(ready).then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Database connections health check' }.status", equalTo("UP"));
    }

    @Test
    void metricsAreServedOnTheManagementPort() {
        given().get("/auth/token"); // at least one public request, so route metrics exist
        given().get(metrics).then().statusCode(200).body(containsString("jvm_memory_used_bytes"))
                .body(containsString("http_server_requests_seconds_count"));
    }

    @Test
    void thePublicPortServesNeitherMetricsNorHealth() {
        for (String path : new String[] {"/q/metrics", "/q/health", "/q/health/ready", "/q/health/live"}) {
            given().get(path).then().statusCode(404);
        }
    }
}

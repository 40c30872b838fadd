package io.kechuang.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpenApiTest {

    @Test
    void oneDocumentCoversTheGatewayAndEveryReachableService() {
        given().get("/openapi").then().statusCode(200)
                .body("openapi", equalTo("3.1.0"))
                .body("info.title", containsString("Kechuang platform"))
                .body("paths", hasKey("/auth/token"))
                .body("paths", hasKey("/api/admin/users"))
                .body("paths", hasKey("/api/admin/organisations"))
                .body("paths", hasKey("/api/achievements/{id}"))
                .body("paths", hasKey("/api/demands/{id}"))
                .body("paths", hasKey("/api/matches/{id}"))
                .body("paths", not(hasKey("/q/health")))
                .body("tags.name", hasItem("demand-service"));
    }

    @Test
    void itSaysHowToGetATokenAndWhichServicesWereUnreachable() {
        given().get("/openapi").then().statusCode(200)
                .body("info.description", containsString("## Getting a token"))
                .body("info.description", containsString("grant_type=client_credentials"))
                .body("info.description", containsString("/api/search"))
                .body("'x-kechuang-sources'.find { it.name == 'search' }.reachable", equalTo(false))
                .body("'x-kechuang-sources'.find { it.name == 'achievements' }.reachable", equalTo(true))
                // /api/search is routed to a service that is down, so the matching service may not claim it.
                .body("paths", not(hasKey("/api/search")));
    }

    @Test
    void clashingComponentsAreRenamedWithTheirReferences() {
        given().get("/openapi").then().statusCode(200)
                .body("components.schemas.Thing.description", equalTo("A thing of achievement-service"))
                .body("components.schemas.demands_Thing.description", equalTo("A thing of demand-service"))
                .body("paths.'/api/demands/{id}'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/demands_Thing"))
                .body("paths.'/api/achievements/{id}'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/Thing"));
    }

    @Test
    void swaggerUiCanSignInWithOAuth2() {
        given().get("/openapi").then().statusCode(200)
                .body("components.securitySchemes.oauth2.flows.password.tokenUrl", equalTo("/auth/token"))
                .body("components.securitySchemes.oauth2.flows.clientCredentials.tokenUrl", equalTo("/auth/token"))
                .body("components.securitySchemes.jwt.scheme", equalTo("bearer"))
                .body("paths.'/api/achievements/{id}'.get.security", hasItem(Map.of("oauth2", List.of())));
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/q/swagger-ui/index.html").then().statusCode(200).body(containsString("/openapi"));
    }
}

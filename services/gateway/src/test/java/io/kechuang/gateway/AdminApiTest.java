package io.kechuang.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kechuang.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AdminApiTest {

    private static final List<String> ADMIN_PATHS = List.of("/api/admin/organisations", "/api/admin/users",
            "/api/admin/clients", "/api/admin/keys");

    @Test
    void adminEndpointsRefuseCallersWithoutAToken() {
        for (String path : ADMIN_PATHS) {
            given().get(path).then().statusCode(401)
                    .contentType(containsString("application/problem+json"))
                    .header("WWW-Authenticate", containsString("Bearer"));
        }
        given().contentType(ContentType.JSON).body(Map.of("name", "x", "type", "ENTERPRISE"))
                .post("/api/admin/organisations").then().statusCode(401);
    }

    @Test
    void adminEndpointsRefuseEveryOtherRole() {
        String partner = Gateway.createOrganisation("PARTNER");
        String[] client = Gateway.createClient(partner, "PARTNER", null);
        List<String> tokens = List.of(
                Gateway.token(Gateway.createUser("UNIVERSITY", "UNIVERSITY"), Gateway.PASSWORD),
                Gateway.token(Gateway.createUser("ENTERPRISE", "ENTERPRISE"), Gateway.PASSWORD),
                Gateway.token(Gateway.createUser("BROKERAGE", "BROKER"), Gateway.PASSWORD),
                Gateway.clientToken(client[0], client[1]));
        for (String token : tokens) {
            for (String path : ADMIN_PATHS) {
                Gateway.as(token).get(path).then().statusCode(403)
                        .contentType(containsString("application/problem+json"));
            }
            Gateway.as(token).body(Map.of("name", "x", "type", "ENTERPRISE")).post("/api/admin/organisations")
                    .then().statusCode(403);
            Gateway.as(token).post("/api/admin/keys/rotate").then().statusCode(403);
        }
    }

    @Test
    void apiClientsAreReadOnlyUntilAnAdminGrantsWrite() {
        String enterprise = Gateway.createOrganisation("ENTERPRISE");
        String[] client = Gateway.createClient(enterprise, "ENTERPRISE", null);
        String id = Gateway.as(Gateway.adminToken()).queryParam("organisationId", enterprise)
                .get("/api/admin/clients").then().statusCode(200).extract().path("items[0].id");

        // Registered for ENTERPRISE (a writing role), but its tokens carry no write role yet.
        assertEquals(List.of(), Gateway.claims(Gateway.clientToken(client[0], client[1])).getList("groups"));
        Gateway.as(Gateway.adminToken()).get("/api/admin/clients/" + id).then().statusCode(200)
                .body("roles", equalTo(List.of("ENTERPRISE")))
                .body("tokenRoles", equalTo(List.of()))
                .body("writeGrant", nullValue());

        // Nobody but an admin may grant it: not a user of the same organisation, not the client itself.
        for (String token : List.of(Gateway.token(Gateway.createUser(enterprise, "ENTERPRISE", "ent-"
                + UUID.randomUUID().toString().substring(0, 8)), Gateway.PASSWORD),
                Gateway.clientToken(client[0], client[1]))) {
            Gateway.as(token).put("/api/admin/clients/" + id + "/write-grant").then().statusCode(403)
                    .contentType(containsString("application/problem+json"));
        }
        assertEquals(List.of(), Gateway.claims(Gateway.clientToken(client[0], client[1])).getList("groups"));

        Gateway.as(Gateway.adminToken()).put("/api/admin/clients/" + id + "/write-grant").then().statusCode(200)
                .body("tokenRoles", equalTo(List.of("ENTERPRISE")))
                .body("writeGrant.grantedBy", equalTo("admin"))
                .body("writeGrant.grantedAt", notNullValue());
        Gateway.as(Gateway.adminToken()).get("/api/admin/clients/" + id).then().statusCode(200)
                .body("writeGrant.grantedBy", equalTo("admin"));
        assertEquals(List.of("ENTERPRISE"),
                Gateway.claims(Gateway.clientToken(client[0], client[1])).getList("groups"));

        Gateway.as(Gateway.adminToken()).delete("/api/admin/clients/" + id + "/write-grant").then().statusCode(200)
                .body("tokenRoles", equalTo(List.of()))
                .body("writeGrant", nullValue());
        assertEquals(List.of(), Gateway.claims(Gateway.clientToken(client[0], client[1])).getList("groups"));
    }

    @Test
    void aReadOnlyClientKeepsItsRoleAndHasNoWriteToGrant() {
        String partner = Gateway.createOrganisation("PARTNER");
        String[] client = Gateway.createClient(partner, "PARTNER", null);
        assertEquals(List.of("PARTNER"), Gateway.claims(Gateway.clientToken(client[0], client[1])).getList("groups"));
        String id = Gateway.as(Gateway.adminToken()).queryParam("organisationId", partner)
                .get("/api/admin/clients").then().statusCode(200).extract().path("items[0].id");
        Gateway.as(Gateway.adminToken()).put("/api/admin/clients/" + id + "/write-grant").then().statusCode(409)
                .contentType(containsString("application/problem+json"));
        Gateway.as(Gateway.adminToken()).put("/api/admin/clients/" + UUID.randomUUID() + "/write-grant").then()
                .statusCode(404);
    }

    @Test
    void anAdminTokenSignedBySomeoneElseIsRefused() {
        // libs/testing's tokens look exactly like the gateway's, but their key is not in the gateway's JWK set.
        Gateway.as(TestTokens.admin()).get("/api/admin/organisations").then().statusCode(401);
    }

    @Test
    void organisationsAreRegisteredListedAndPaged() {
        String admin = Gateway.adminToken();
        Map<String, Object> body = new HashMap<>();
        body.put("name", "中国科学院成都生物研究所");
        body.put("type", "RESEARCH_INSTITUTE");
        body.put("regionCode", "510100");
        body.put("creditCode", uniqueCreditCode());
        String id = Gateway.as(admin).body(body).post("/api/admin/organisations").then().statusCode(201)
                .header("Location", containsString("/api/admin/organisations/"))
                .body("name", equalTo("中国科学院成都生物研究所"))
                .body("type", equalTo("RESEARCH_INSTITUTE"))
                .extract().path("id");
        Gateway.as(admin).get("/api/admin/organisations/" + id).then().statusCode(200)
                .body("creditCode", equalTo(body.get("creditCode")));
        Gateway.as(admin).queryParam("type", "research_institute").queryParam("size", 100)
                .get("/api/admin/organisations").then().statusCode(200)
                .body("items.type", everyItem(equalTo("RESEARCH_INSTITUTE")))
                .body("items.id", hasItem(id));
        Gateway.as(admin).queryParam("size", 1).get("/api/admin/organisations").then().statusCode(200)
                .body("size", equalTo(1)).body("items.size()", equalTo(1));
        Gateway.as(admin).queryParam("size", 101).get("/api/admin/organisations").then().statusCode(400)
                .body("errors.field", hasItem("size"));
        Gateway.as(admin).get("/api/admin/organisations/" + UUID.randomUUID()).then().statusCode(404);

        // Same credit code again: a duplicate.
        body.put("name", "another");
        Gateway.as(admin).body(body).post("/api/admin/organisations").then().statusCode(409);
    }

    @Test
    void organisationCreatesHonourIdempotencyKeys() {
        String admin = Gateway.adminToken();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Map.of("name", "重庆长安汽车研究院", "type", "ENTERPRISE", "regionCode", "500000");
        String first = Gateway.as(admin).header("Idempotency-Key", key).body(body).post("/api/admin/organisations")
                .then().statusCode(201).extract().path("id");
        Gateway.as(admin).header("Idempotency-Key", key).body(body).post("/api/admin/organisations")
                .then().statusCode(201).header("Idempotent-Replayed", "true").body("id", equalTo(first));
    }

    @Test
    void organisationValidationListsEveryBadField() {
        Gateway.as(Gateway.adminToken())
                .body(Map.of("name", " ", "type", "UNIVERSITY", "regionCode", "51", "creditCode", "nope"))
                .post("/api/admin/organisations").then().statusCode(400)
                .body("errors.field", hasItems("name", "regionCode", "creditCode"));
        Gateway.as(Gateway.adminToken()).body(Map.of("name", "x", "type", "SPACESHIP"))
                .post("/api/admin/organisations").then().statusCode(400).body("errors.field", hasItem("type"));
    }

    @Test
    void aBodyWithTrailingGarbageIsRejectedAndRegistersNothing() {
        String admin = Gateway.adminToken();
        String name = "尾随垃圾测试机构" + UUID.randomUUID();
        String json = "{\"name\":\"" + name + "\",\"type\":\"ENTERPRISE\",\"regionCode\":\"510100\"}";
        for (String trailing : List.of(" garbage", " {}", "]", " 1")) {
            Gateway.as(admin).body(json + trailing).post("/api/admin/organisations").then().statusCode(400)
                    .contentType("application/problem+json").body(not(containsString("Exception")));
        }
        Gateway.as(admin).queryParam("size", 100).queryParam("type", "ENTERPRISE").get("/api/admin/organisations")
                .then().statusCode(200).body("items.name", not(hasItem(name)));
        Gateway.as(admin).body(json).post("/api/admin/organisations").then().statusCode(201);
    }

    @Test
    void numericExtremesOnAdminListsAreProblemsNamingTheParameter() {
        String admin = Gateway.adminToken();
        for (Object page : List.of(Integer.MAX_VALUE, "99999999999", -1, "x")) {
            Gateway.as(admin).queryParam("page", page).get("/api/admin/organisations").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("page"));
        }
        Gateway.as(admin).queryParam("size", "99999999999").get("/api/admin/users").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("size"));
    }

    @Test
    void usersGetOnlyRolesTheirOrganisationMayHold() {
        String university = Gateway.createOrganisation("UNIVERSITY");
        Gateway.as(Gateway.adminToken()).body(Map.of("username", "mixed-" + System.nanoTime(), "password",
                Gateway.PASSWORD, "organisationId", university, "roles", List.of("UNIVERSITY", "ADMIN", "WIZARD")))
                .post("/api/admin/users").then().statusCode(400)
                .body("errors.field", everyItem(equalTo("roles")))
                .body("errors.message", hasItem(containsString("ADMIN is only for organisations of type [PLATFORM]")))
                .body("errors.message", hasItem(containsString("unknown role 'WIZARD'")));
        Gateway.as(Gateway.adminToken()).body(Map.of("username", "lost-" + System.nanoTime(), "password",
                Gateway.PASSWORD, "organisationId", UUID.randomUUID(), "roles", List.of("ENTERPRISE")))
                .post("/api/admin/users").then().statusCode(400).body("errors.field", hasItem("organisationId"));
        Gateway.as(Gateway.adminToken()).body(Map.of("username", "Bad Name!", "password", "short",
                "organisationId", university, "roles", List.of("UNIVERSITY")))
                .post("/api/admin/users").then().statusCode(400).body("errors.field", hasItems("username", "password"));
    }

    @Test
    void usernamesAndClientIdsShareOneNamespace() {
        String org = Gateway.createOrganisation("PARTNER");
        String name = "portal-" + System.nanoTime();
        Gateway.as(Gateway.adminToken()).body(Map.of("clientId", name, "name", "Portal", "organisationId", org,
                "roles", List.of("PARTNER"))).post("/api/admin/clients").then().statusCode(201);
        Gateway.as(Gateway.adminToken()).body(Map.of("clientId", name, "name", "Again", "organisationId", org,
                "roles", List.of("PARTNER"))).post("/api/admin/clients").then().statusCode(409);
        Gateway.as(Gateway.adminToken()).body(Map.of("username", name, "password", Gateway.PASSWORD,
                "organisationId", org, "roles", List.of("PARTNER"))).post("/api/admin/users").then().statusCode(409);
    }

    @Test
    void usersAreListedWithoutPasswordHashes() {
        String org = Gateway.createOrganisation("ENTERPRISE");
        String username = Gateway.createUser(org, "ENTERPRISE", "wang.fang-" + System.nanoTime());
        Gateway.as(Gateway.adminToken()).queryParam("organisationId", org).get("/api/admin/users").then()
                .statusCode(200).body("total", equalTo(1))
                .body("items[0].username", equalTo(username))
                .body("items[0].roles", equalTo(List.of("ENTERPRISE")))
                .body("items[0].passwordHash", nullValue())
                .body(not(containsString("$2a$")));
    }

    @Test
    void clientSecretsAreShownOnceAndCanBeReplaced() {
        String org = Gateway.createOrganisation("PARTNER");
        String[] client = Gateway.createClient(org, "PARTNER", 1200);
        String id = Gateway.as(Gateway.adminToken()).queryParam("organisationId", org).get("/api/admin/clients")
                .then().statusCode(200)
                .body("items[0].clientId", equalTo(client[0]))
                .body("items[0].rateLimit", equalTo(1200))
                .body(not(containsString(client[1])))
                .extract().path("items[0].id");
        String fresh = Gateway.as(Gateway.adminToken()).post("/api/admin/clients/" + id + "/secret").then()
                .statusCode(200).header("Cache-Control", "no-store").body("clientSecret", notNullValue())
                .extract().path("clientSecret");
        given().contentType(ContentType.URLENC).header("X-Forwarded-For", Gateway.newAddress())
                .auth().preemptive().basic(client[0], client[1])
                .formParam("grant_type", "client_credentials").post("/auth/token").then().statusCode(401);
        Gateway.clientToken(client[0], fresh);

        Gateway.as(Gateway.adminToken()).body(Map.of("enabled", false)).put("/api/admin/clients/" + id + "/enabled")
                .then().statusCode(200).body("enabled", equalTo(false));
        given().contentType(ContentType.URLENC).header("X-Forwarded-For", Gateway.newAddress())
                .auth().preemptive().basic(client[0], fresh)
                .formParam("grant_type", "client_credentials").post("/auth/token").then().statusCode(401);
    }

    /** 18 characters from the unified social credit code alphabet, unique per call. */
    private static String uniqueCreditCode() {
        String digits = String.format("%014d", Math.abs(System.nanoTime()) % 100_000_000_000_000L);
        return "91" + digits + "MA";
    }
}

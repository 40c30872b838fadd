package io.kechuang.gateway;

import static io.kechuang.gateway.Gateway.PASSWORD;
import static io.kechuang.gateway.Gateway.adminToken;
import static io.kechuang.gateway.Gateway.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.events.EventTypes;
import io.kechuang.events.Topics;
import io.kechuang.gateway.identity.events.IdentityBackfill;
import io.kechuang.testing.SharedInfrastructure;
import io.kechuang.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * identity.v1 against real Kafka and PostgreSQL: every admin change of an organisation or a user is an event with a
 * growing version, no event carries a secret, the lead flag is only for a brokerage's brokers, and rows that predate
 * the topic are published exactly once however often the gateway starts.
 */
@QuarkusTest
class IdentityEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    IdentityBackfill backfill;

    @Test
    void everyAdminChangeOfAUserIsPublishedWithAHigherVersion() {
        try (TopicProbe probe = TopicProbe.open(bootstrap, Topics.IDENTITY)) {
            String org = Gateway.createOrganisation("BROKERAGE");
            String username = "broker-" + UUID.randomUUID().toString().substring(0, 8);
            String id = as(adminToken()).body(Map.of("username", username, "password", PASSWORD,
                    "organisationId", org, "roles", List.of("BROKER"), "displayName", "王经纪"))
                    .post("/api/admin/users").then().statusCode(201).body("lead", equalTo(false))
                    .body("version", equalTo(1)).extract().path("id");

            JsonPath created = version(probe, id, 1);
            assertEquals(EventTypes.USER_CHANGED, created.getString("type"));
            assertEquals(username, created.getString("data.subject"));
            assertEquals(org, created.getString("data.organisationId"));
            assertEquals("王经纪", created.getString("data.displayName"));
            assertEquals(List.of("BROKER"), created.getList("data.roles"));
            assertFalse(created.getBoolean("data.lead"));
            assertTrue(created.getBoolean("data.enabled"));

            as(adminToken()).body(Map.of("lead", true)).put("/api/admin/users/" + id + "/lead").then().statusCode(200)
                    .body("lead", equalTo(true)).body("version", equalTo(2));
            assertTrue(version(probe, id, 2).getBoolean("data.lead"));

            as(adminToken()).body(Map.of("enabled", false)).put("/api/admin/users/" + id + "/enabled").then()
                    .statusCode(200).body("enabled", equalTo(false)).body("version", equalTo(3));
            JsonPath disabled = version(probe, id, 3);
            assertFalse(disabled.getBoolean("data.enabled"));
            assertTrue(disabled.getBoolean("data.lead"));

            as(adminToken()).body(Map.of("lead", false)).put("/api/admin/users/" + id + "/lead").then().statusCode(200)
                    .body("version", equalTo(4));
            assertFalse(version(probe, id, 4).getBoolean("data.lead"));

            // Saying again what already holds changes nothing, so nothing is published.
            as(adminToken()).body(Map.of("enabled", false)).put("/api/admin/users/" + id + "/enabled").then()
                    .statusCode(200).body("version", equalTo(4));
            probe.assertNoRecord(r -> r.key().equals(id) && event(r).getLong("aggregateVersion") > 4,
                    Duration.ofSeconds(2));
        }
    }

    @Test
    void organisationsArePublishedAndADisabledOnesAccountsGetNoTokens() {
        try (TopicProbe probe = TopicProbe.open(bootstrap, Topics.IDENTITY)) {
            String org = Gateway.createOrganisation("ENTERPRISE");
            String username = Gateway.createUser(org, "ENTERPRISE", "ent-" + UUID.randomUUID().toString().substring(0, 8));
            String[] client = Gateway.createClient(org, "ENTERPRISE", null);
            JsonPath created = version(probe, org, 1);
            assertEquals(EventTypes.ORGANISATION_CHANGED, created.getString("type"));
            assertEquals("ENTERPRISE", created.getString("data.type"));
            assertEquals("510100", created.getString("data.regionCode"));
            assertTrue(created.getBoolean("data.enabled"));
            Gateway.token(username, PASSWORD);

            as(adminToken()).body(Map.of("enabled", false)).put("/api/admin/organisations/" + org + "/enabled").then()
                    .statusCode(200).body("enabled", equalTo(false)).body("version", equalTo(2));
            assertFalse(version(probe, org, 2).getBoolean("data.enabled"));
            Gateway.signIn(username, PASSWORD, Gateway.newAddress()).then().statusCode(400)
                    .body("error", equalTo("invalid_grant"));
            io.restassured.RestAssured.given().contentType(io.restassured.http.ContentType.URLENC)
                    .header("X-Forwarded-For", Gateway.newAddress()).auth().preemptive().basic(client[0], client[1])
                    .formParam("grant_type", "client_credentials").post("/auth/token").then().statusCode(401);

            as(adminToken()).body(Map.of("enabled", true)).put("/api/admin/organisations/" + org + "/enabled").then()
                    .statusCode(200).body("version", equalTo(3));
            assertTrue(version(probe, org, 3).getBoolean("data.enabled"));
            Gateway.token(username, PASSWORD);
        }
    }

    @Test
    void thePlatformsOwnOrganisationCannotBeDisabled() {
        as(adminToken()).body(Map.of("enabled", false))
                .put("/api/admin/organisations/" + io.kechuang.events.taxonomy.PlatformOrganisation.ID + "/enabled")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void noEventCarriesAPasswordHashASecretOrACreditCode() {
        try (TopicProbe probe = TopicProbe.open(bootstrap, Topics.IDENTITY)) {
            Map<String, Object> body = new HashMap<>();
            body.put("name", "保密测试机构 " + UUID.randomUUID().toString().substring(0, 8));
            body.put("type", "UNIVERSITY");
            String creditCode = "12100000" + String.format("%09d", (int) (Math.random() * 1e9)) + "X";
            body.put("creditCode", creditCode);
            String org = as(adminToken()).body(body).post("/api/admin/organisations").then().statusCode(201)
                    .extract().path("id");
            String password = "never-on-kafka-" + UUID.randomUUID();
            String user = as(adminToken()).body(Map.of("username", "quiet-" + UUID.randomUUID().toString().substring(0, 8),
                    "password", password, "organisationId", org, "roles", List.of("UNIVERSITY")))
                    .post("/api/admin/users").then().statusCode(201).extract().path("id");
            String[] client = Gateway.createClient(org, "UNIVERSITY", null);
            as(adminToken()).body(Map.of("enabled", false)).put("/api/admin/users/" + user + "/enabled").then()
                    .statusCode(200);
            version(probe, org, 1);
            version(probe, user, 2);

            for (ConsumerRecord<String, String> r : probe.records()) {
                String value = r.value();
                for (String secret : List.of(creditCode, password, client[1], "$2a$", "$2b$", "$2y$", "passwordHash",
                        "password_hash", "secret", "creditCode", "credit_code")) {
                    assertFalse(value.contains(secret), "identity.v1 carries " + secret + ": " + value);
                }
                assertFalse(r.key().equals(client[0]), "API clients are not published");
            }
        }
    }

    @Test
    void onlyABrokerOfABrokerageCanLead() {
        String university = Gateway.createOrganisation("UNIVERSITY");
        as(adminToken()).body(Map.of("username", "lead-" + UUID.randomUUID().toString().substring(0, 8), "password",
                PASSWORD, "organisationId", university, "roles", List.of("UNIVERSITY"), "lead", true))
                .post("/api/admin/users").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", everyItem(equalTo("lead")))
                .body("errors.message", hasItem(containsString("BROKERAGE")));

        // BROKER is allowed on the platform's own organisation, but a lead leads a brokerage's brokers.
        String platformBroker = newUser(io.kechuang.events.taxonomy.PlatformOrganisation.ID.toString(), "BROKER");
        String enterpriseUser = newUser(Gateway.createOrganisation("ENTERPRISE"), "ENTERPRISE");
        for (String id : List.of(platformBroker, enterpriseUser)) {
            as(adminToken()).body(Map.of("lead", true)).put("/api/admin/users/" + id + "/lead").then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", everyItem(equalTo("lead")));
            as(adminToken()).get("/api/admin/users/" + id).then().statusCode(200).body("lead", equalTo(false))
                    .body("version", equalTo(1));
        }
        as(adminToken()).body(Map.of()).put("/api/admin/users/" + UUID.randomUUID() + "/lead").then().statusCode(400)
                .body("errors.field", hasItem("lead"));
        as(adminToken()).body(Map.of("lead", true)).put("/api/admin/users/" + UUID.randomUUID() + "/lead").then()
                .statusCode(404);

        String brokerage = Gateway.createOrganisation("BROKERAGE");
        as(adminToken()).body(Map.of("username", "lead-" + UUID.randomUUID().toString().substring(0, 8), "password",
                PASSWORD, "organisationId", brokerage, "roles", List.of("BROKER"), "lead", true))
                .post("/api/admin/users").then().statusCode(201).body("lead", equalTo(true));
    }

    @Test
    void rowsThatPredateTheTopicArePublishedExactlyOnceAcrossStarts() throws Exception {
        UUID org = UUID.randomUUID();
        UUID user = UUID.randomUUID();
        // As the V4 migration leaves rows made before it: version 0, never published.
        try (Connection c = SharedInfrastructure.get().connection("gateway")) {
            try (PreparedStatement insert = c.prepareStatement("insert into organisation (id, name, type, region_code, "
                    + "credit_code) values (?, '旧机构 (before identity.v1)', 'BROKERAGE', '110000', null)")) {
                insert.setObject(1, org);
                insert.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement("insert into app_user (id, username, display_name, "
                    + "password_hash, organisation_id, roles) values (?, ?, '旧用户', ?, ?, '[\"BROKER\"]'::jsonb)")) {
                insert.setObject(1, user);
                insert.setString(2, "old-" + user.toString().substring(0, 8));
                insert.setString(3, "$2a$04$abcdefghijklmnopqrstuuP0ld0ld0ld0ld0ld0ld0ld0ld0ld0ld0");
                insert.setObject(4, org);
                insert.executeUpdate();
            }
        }
        try (TopicProbe probe = TopicProbe.open(bootstrap, Topics.IDENTITY)) {
            assertEquals(2, backfill.publishUnpublished(), "the first start publishes both rows");
            assertEquals(0, backfill.publishUnpublished(), "a second start finds nothing left");
            assertEquals(1, version(probe, org.toString(), 1).getLong("aggregateVersion"));
            JsonPath published = version(probe, user.toString(), 1);
            assertFalse(published.getString("data").contains("$2a$"));
            probe.assertNoRecord(r -> r.key().equals(org.toString()) && event(r).getLong("aggregateVersion") > 1
                    || r.key().equals(user.toString()) && event(r).getLong("aggregateVersion") > 1,
                    Duration.ofSeconds(2));
            assertEquals(1, probe.records().stream().filter(r -> r.key().equals(user.toString())).count());
            assertEquals(1, probe.records().stream().filter(r -> r.key().equals(org.toString())).count());
        }
        as(adminToken()).get("/api/admin/users/" + user).then().statusCode(200).body("version", equalTo(1));
    }

    @Test
    void theBootstrapAdministratorIsOnTheTopicOnce() {
        String adminId = userId("admin");
        try (TopicProbe probe = TopicProbe.open(bootstrap, Topics.IDENTITY, true)) {
            JsonPath admin = version(probe, adminId, 1);
            assertEquals(List.of("ADMIN"), admin.getList("data.roles"));
            probe.assertNoRecord(r -> r.key().equals(adminId) && event(r).getLong("aggregateVersion") > 1,
                    Duration.ofSeconds(2));
            assertEquals(1, probe.records().stream().filter(r -> r.key().equals(adminId)).count());
        }
    }

    /** A new user of {@code org} holding {@code role}; returns its id. */
    private static String newUser(String org, String role) {
        return as(adminToken()).body(Map.of("username", "u-" + UUID.randomUUID().toString().substring(0, 8),
                "password", PASSWORD, "organisationId", org, "roles", List.of(role)))
                .post("/api/admin/users").then().statusCode(201).extract().path("id");
    }

    private static String userId(String username) {
        return as(adminToken()).queryParam("size", 100).get("/api/admin/users").then().statusCode(200).extract()
                .jsonPath().param("u", username).getString("items.find { it.username == u }.id");
    }

    /** The event of {@code key} at {@code version}, waiting for it. */
    private static JsonPath version(TopicProbe probe, String key, long version) {
        return event(probe.awaitRecord(r -> r.key().equals(key) && event(r).getLong("aggregateVersion") == version,
                WAIT));
    }

    private static JsonPath event(ConsumerRecord<String, String> record) {
        return new JsonPath(record.value());
    }
}

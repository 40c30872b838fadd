package io.kechuang.gateway;

import io.kechuang.events.taxonomy.PlatformOrganisation;
import io.kechuang.testing.security.Fixture;
import io.kechuang.testing.security.Fixtures;
import io.kechuang.testing.security.RoleTokens;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The security suite's cast at the gateway, registered through its own admin API and signed in through its own token
 * endpoint (the gateway trusts only the keys it signs with): a university, an enterprise and a brokerage with two
 * brokers each ({@code broker}, {@code broker-lead}), each kind twice ({@code foreign-*}), a partner portal (an API
 * client) and the bootstrap admin. Also the fixtures of security/gateway.csv:
 * <ul>
 *   <li>{@code organisation}: an enterprise of its own, registered for the fixture (so a row may disable it: never
 *   the platform's organisation or one of the cast's);</li>
 *   <li>{@code platform-organisation}: the platform's own organisation, which no row may change (disabling it is
 *   409);</li>
 *   <li>{@code user}: an enterprise user;</li>
 *   <li>{@code broker-user}: a broker (not a lead) of a brokerage of its own, for the lead flag;</li>
 *   <li>{@code client}: an enterprise's API client, read-only;</li>
 *   <li>{@code client-granted}: the same, with write granted.</li>
 * </ul>
 */
final class GatewaySecurityWorld implements RoleTokens, Fixtures {

    private final Map<String, String> usernames = new HashMap<>();
    private final String enterprise = Gateway.createOrganisation("ENTERPRISE");
    private final String signInUser;
    private final String[] partnerClient;

    GatewaySecurityWorld() {
        String university = Gateway.createOrganisation("UNIVERSITY");
        String brokerage = Gateway.createOrganisation("BROKERAGE");
        String foreignUniversity = Gateway.createOrganisation("UNIVERSITY");
        String foreignEnterprise = Gateway.createOrganisation("ENTERPRISE");
        String foreignBrokerage = Gateway.createOrganisation("BROKERAGE");
        register("university", university, "UNIVERSITY");
        register("foreign-university", foreignUniversity, "UNIVERSITY");
        register("enterprise", enterprise, "ENTERPRISE");
        register("foreign-enterprise", foreignEnterprise, "ENTERPRISE");
        register("broker", brokerage, "BROKER");
        register("broker-lead", brokerage, "BROKER");
        register("foreign-broker", foreignBrokerage, "BROKER");
        register("foreign-broker-lead", foreignBrokerage, "BROKER");
        signInUser = Gateway.createUser(enterprise, "ENTERPRISE", unique("sec-sign-in-"));
        partnerClient = Gateway.createClient(Gateway.createOrganisation("PARTNER"), "PARTNER", null);
    }

    private void register(String role, String org, String group) {
        usernames.put(role, Gateway.createUser(org, group, unique("sec-" + role + "-")));
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public String token(String role) {
        return switch (role) {
            case "none" -> null;
            case "admin" -> Gateway.adminToken();
            case "partner" -> Gateway.clientToken(partnerClient[0], partnerClient[1]);
            default -> Gateway.token(usernames.get(role), Gateway.PASSWORD);
        };
    }

    /** Placeholders of security/gateway.bodies.json. */
    Map<String, String> vars() {
        return Map.of("enterpriseOrg", enterprise, "signInUser", signInUser, "password", Gateway.PASSWORD,
                "adminPassword", Gateway.ADMIN_PASSWORD);
    }

    @Override
    public Fixture create(String name) {
        String admin = Gateway.adminToken();
        return switch (name) {
            case "organisation" -> {
                String id = Gateway.createOrganisation("ENTERPRISE");
                yield Fixture.of(Map.of("id", id), "/api/admin/organisations/" + id);
            }
            case "platform-organisation" -> Fixture.of(Map.of("id", PlatformOrganisation.ID.toString()),
                    "/api/admin/organisations/" + PlatformOrganisation.ID);
            case "user" -> {
                String id = Gateway.as(admin).body(Map.of("username", unique("sec-user-"), "password", Gateway.PASSWORD,
                        "organisationId", enterprise, "roles", List.of("ENTERPRISE"))).post("/api/admin/users").then()
                        .statusCode(201).extract().path("id");
                yield Fixture.of(Map.of("id", id), "/api/admin/users/" + id);
            }
            case "broker-user" -> {
                String id = Gateway.as(admin).body(Map.of("username", unique("sec-broker-user-"), "password",
                        Gateway.PASSWORD, "organisationId", Gateway.createOrganisation("BROKERAGE"), "roles",
                        List.of("BROKER"))).post("/api/admin/users").then().statusCode(201).extract().path("id");
                yield Fixture.of(Map.of("id", id), "/api/admin/users/" + id);
            }
            case "client", "client-granted" -> {
                JsonPath created = Gateway.as(admin).body(Map.of("name", unique("安全测试门户 "), "organisationId", enterprise,
                        "roles", List.of("ENTERPRISE"))).post("/api/admin/clients").then().statusCode(201).extract()
                        .jsonPath();
                String id = created.getString("client.id");
                if (name.equals("client-granted")) {
                    Gateway.as(admin).put("/api/admin/clients/" + id + "/write-grant").then().statusCode(200);
                }
                yield Fixture.of(Map.of("id", id), "/api/admin/clients/" + id);
            }
            default -> throw new IllegalArgumentException("no fixture '" + name + "': organisation, platform-organisation, "
                    + "user, broker-user, client, client-granted");
        };
    }
}

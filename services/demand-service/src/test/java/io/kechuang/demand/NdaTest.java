package io.kechuang.demand;

import static io.kechuang.demand.ConsentApi.accept;
import static io.kechuang.demand.ConsentApi.broker;
import static io.kechuang.demand.ConsentApi.granted;
import static io.kechuang.demand.ConsentApi.requireNda;
import static io.kechuang.demand.DemandApi.demand;
import static io.kechuang.demand.DemandApi.read;
import static io.kechuang.demand.DemandApi.with;
import static io.kechuang.events.match.MatchStatus.INTRODUCED;
import static io.kechuang.events.match.MatchStatus.SHORTLISTED;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kechuang.listing.consent.NdaInput;
import io.kechuang.listing.match.MatchEventsConfig;
import io.kechuang.testing.MatchEvents;
import io.kechuang.testing.MatchEvents.Match;
import io.kechuang.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An enterprise may require an NDA on a demand: then a grant discloses nothing to the broker, and an introduction
 * shows the counterpart no contact, until they accepted exactly the current version of the terms; a new version needs
 * a new acceptance. The platform records who accepted which version, when and in which capacity.
 */
@QuarkusTest
class NdaTest {

    private static final String TERMS_V1 = "保密协议第一版：对接中获知的保密信息不得向第三方披露。";
    private static final String TERMS_V2 = "保密协议第二版：对接中获知的保密信息及联系人不得向第三方披露，期限三年。";

    @Inject
    MatchEventsConfig consumer;

    private final DemandApi.Enterprise owner = DemandApi.Enterprise.register();
    private final String secret = "保密：电芯老化数据 " + UUID.randomUUID();
    private final UUID brokerage = UUID.randomUUID();
    private final String wang = broker("broker.wang", brokerage);
    private final UUID university = UUID.randomUUID();
    private MatchEvents matches;
    private String id;
    private Match match;

    @BeforeEach
    void openADemandAssignedToABroker() {
        matches = MatchEvents.open(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                consumer.group());
        id = DemandApi.opened(owner.user(), DemandApi.openable("动力电池SOH在线估计", secret));
        match = Match.between(UUID.fromString(id), owner.org(), UUID.randomUUID(), university);
        matches.publish(match.assign("broker.wang", brokerage).next(SHORTLISTED));
        matches.awaitConsumed();
    }

    @AfterEach
    void disconnect() {
        matches.close();
    }

    @Test
    void aGrantedBrokerSeesNothingUntilItAcceptsTheCurrentVersion() {
        assertEquals(1, requireNda(owner.user(), id, TERMS_V1));
        granted(wang, owner.user(), id, match.id(), "DETAILS", "CONTACT");
        hidden(read(wang, id));
        nda(wang).statusCode(200).body("required", equalTo(true)).body("termsVersion", equalTo(1))
                .body("terms", equalTo(TERMS_V1)).body("acceptedByCaller", equalTo(false));

        accept(wang, id, 1).statusCode(201).body("capacity", equalTo("BROKER")).body("termsVersion", equalTo(1))
                .body("acceptedBySubject", equalTo("broker.wang")).body("matchId", equalTo(match.id().toString()));
        accept(wang, id, 1).statusCode(200); // a repeat records nothing new
        read(wang, id).statusCode(200).body("confidentialDetails", equalTo(secret))
                .body("contact.phone", equalTo(DemandApi.PHONE));
        nda(wang).body("acceptedByCaller", equalTo(true));

        assertEquals(2, requireNda(owner.user(), id, TERMS_V2));
        hidden(read(wang, id));
        accept(wang, id, 1).statusCode(409).contentType("application/problem+json").body("currentVersion", equalTo(2));
        accept(wang, id, 3).statusCode(409).body("currentVersion", equalTo(2));
        accept(wang, id, 2).statusCode(201);
        read(wang, id).statusCode(200).body("confidentialDetails", equalTo(secret));

        with(owner.user()).get(demand(id) + "/nda/acceptances").then().statusCode(200).body("total", equalTo(2))
                .body("items[0].termsVersion", equalTo(2)).body("items[1].termsVersion", equalTo(1))
                .body("items[0].acceptedByOrgId", equalTo(brokerage.toString()));
        nda(owner.user()).statusCode(200).body("terms", equalTo(TERMS_V2)).body("termsSha256", equalTo(
                sha256(TERMS_V2)));

        with(owner.user()).delete(demand(id) + "/nda").then().statusCode(204);
        nda(wang).body("required", equalTo(false)).body("terms", nullValue()).body("termsVersion", equalTo(2));
        accept(wang, id, 2).statusCode(409).contentType("application/problem+json");
        with(owner.user()).delete(demand(id) + "/nda").then().statusCode(204);
        assertEquals(3, requireNda(owner.user(), id, TERMS_V1)); // required again: a new version
        hidden(read(wang, id));
    }

    @Test
    void theIntroducedCounterpartSeesTheContactOnlyOnceItsOrganisationAcceptedTheNda() {
        String counterpart = TestTokens.university(university);
        String colleague = TestTokens.forUser("colleague").org(university, "UNIVERSITY").groups("UNIVERSITY").mint();
        requireNda(owner.user(), id, TERMS_V1);
        nda(counterpart).statusCode(403).contentType("application/problem+json"); // not introduced yet
        accept(counterpart, id, 1).statusCode(403);

        matches.publish(match.next(INTRODUCED));
        matches.awaitConsumed();
        read(counterpart, id).statusCode(200).body("contact", nullValue()).body("confidentialDetails", nullValue());
        assertFalse(listed(counterpart).hasNonNull("contact"), "no contact in lists either");
        nda(counterpart).statusCode(200).body("terms", equalTo(TERMS_V1)).body("acceptedByCaller", equalTo(false));

        accept(counterpart, id, 1).statusCode(201).body("capacity", equalTo("COUNTERPART"))
                .body("acceptedByOrgId", equalTo(university.toString()));
        for (String user : new String[] {counterpart, colleague}) { // accepted for the organisation
            read(user, id).statusCode(200).body("contact.phone", equalTo(DemandApi.PHONE))
                    .body("confidentialDetails", nullValue());
        }
        assertTrue(listed(colleague).hasNonNull("contact"));
        read(TestTokens.university(UUID.randomUUID()), id).statusCode(200).body("contact", nullValue());

        requireNda(owner.user(), id, TERMS_V2);
        read(counterpart, id).statusCode(200).body("contact", nullValue());
        accept(colleague, id, 2).statusCode(201);
        read(counterpart, id).statusCode(200).body("contact.email", equalTo(DemandApi.EMAIL));
        with(owner.user()).queryParam("updatedSince", "2000-01-01T00:00:00Z").get(demand(id) + "/nda/acceptances")
                .then().statusCode(200).body("total", equalTo(2)).body("items[0].acceptedBySubject", equalTo("colleague"));
    }

    @Test
    void onlyTheOwningEnterpriseAndAdminsSetTheNda() {
        String otherEnterprise = TestTokens.enterprise(UUID.randomUUID());
        for (String outsider : new String[] {wang, otherEnterprise, TestTokens.university(university)}) {
            with(outsider).body(Map.of("terms", TERMS_V1)).put(demand(id) + "/nda").then().statusCode(403)
                    .contentType("application/problem+json");
            with(outsider).delete(demand(id) + "/nda").then().statusCode(403);
            with(outsider).get(demand(id) + "/nda/acceptances").then().statusCode(403);
        }
        nda(otherEnterprise).statusCode(403);
        nda(owner.user()).statusCode(200).body("required", equalTo(false)).body("termsVersion", nullValue());
        with(owner.user()).body(Map.of("terms", TERMS_V1)).put(demand(UUID.randomUUID().toString()) + "/nda").then()
                .statusCode(404).contentType("application/problem+json");
        with(owner.user()).body(Map.of("terms", "  ")).put(demand(id) + "/nda").then().statusCode(400)
                .contentType("application/problem+json");
        with(owner.user()).body(Map.of("terms", "条".repeat(NdaInput.MAX_TERMS + 1))).put(demand(id) + "/nda").then()
                .statusCode(400).contentType("application/problem+json");
        with(owner.user()).body("{\"termsVersion\": 1}").put(demand(id) + "/nda").then().statusCode(400);
        assertEquals(1, requireNda(TestTokens.admin(), id, TERMS_V1));
        accept(owner.user(), id, 1).statusCode(403).contentType("application/problem+json");
        accept(TestTokens.admin(), id, 1).statusCode(403);
        accept(wang, id, 0).statusCode(400).contentType("application/problem+json");
        with(wang).body("{\"termsVersion\": 99999999999}").post(demand(id) + "/nda/acceptances").then()
                .statusCode(400).contentType("application/problem+json");
    }

    private ValidatableResponse nda(String token) {
        return with(token).get(demand(id) + "/nda").then();
    }

    private JsonNode listed(String token) {
        JsonNode items = DemandApi.page(token, owner.org()).get("items");
        assertEquals(1, items.size());
        return items.get(0);
    }

    private static void hidden(ValidatableResponse response) {
        response.statusCode(200).body("contact", nullValue()).body("confidentialDetails", nullValue());
    }

    static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}

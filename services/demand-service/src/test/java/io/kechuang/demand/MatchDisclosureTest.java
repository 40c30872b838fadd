package io.kechuang.demand;

import static io.kechuang.demand.DemandApi.demand;
import static io.kechuang.demand.DemandApi.read;
import static io.kechuang.demand.DemandApi.with;
import static io.kechuang.events.match.MatchStatus.DECLINED;
import static io.kechuang.events.match.MatchStatus.INTRODUCED;
import static io.kechuang.events.match.MatchStatus.NEGOTIATING;
import static io.kechuang.events.match.MatchStatus.SHORTLISTED;
import static io.kechuang.events.match.MatchStatus.SUGGESTED;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Who sees a demand's contact and confidential details once it is matched: the achievement's owner gets the contact
 * from the introduction on, and only that organisation; the broker assigned to a live match gets the confidential
 * details and the contact once the enterprise granted its request, and every such read is audited and can be read
 * back by the owner and admins.
 */
@QuarkusTest
class MatchDisclosureTest {

    @Inject
    MatchEventsConfig consumer;

    private final DemandApi.Enterprise owner = DemandApi.Enterprise.register();
    private final String secret = "保密：已获主机厂定点，2027年量产 " + UUID.randomUUID();
    private final UUID university = UUID.randomUUID();
    private final UUID brokerage = UUID.randomUUID();
    private final String assignedBroker = broker("broker.wang", brokerage);
    private MatchEvents matches;
    private String id;
    private Match match;

    @BeforeEach
    void openADemandWithAMatch() {
        matches = MatchEvents.open(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                consumer.group());
        id = DemandApi.opened(owner.user(), DemandApi.openable("锂电池极片涂布面密度在线检测", secret));
        match = Match.between(UUID.fromString(id), owner.org(), UUID.randomUUID(), university);
    }

    @AfterEach
    void disconnect() {
        matches.close();
    }

    @Test
    void theContactReachesTheAchievementOwnerFromTheIntroductionOnAndNobodyElse() {
        String counterpart = TestTokens.university(university);
        String otherUniversity = TestTokens.university(UUID.randomUUID());

        matches.publish(match.next(SUGGESTED), match.next(SHORTLISTED));
        matches.awaitConsumed();
        publicView(read(counterpart, id));

        matches.publish(match.next(INTRODUCED));
        matches.awaitConsumed();
        read(counterpart, id).statusCode(200).body("contact.phone", equalTo(DemandApi.PHONE))
                .body("contact.email", equalTo(DemandApi.EMAIL)).body("confidentialDetails", nullValue());
        publicView(read(otherUniversity, id));
        assertTrue(listed(counterpart).has("contact"), "the contact shows in the introduced organisation's list too");
        assertFalse(listed(otherUniversity).has("contact"));

        // Declined after the introduction: what was disclosed stays disclosed, even once the demand is closed.
        matches.publish(match.next(DECLINED));
        matches.awaitConsumed();
        with(owner.user()).body(Map.of("reason", "OTHER", "comment", "内部：预算调整")).post(demand(id) + "/close")
                .then().statusCode(200);
        read(counterpart, id).statusCode(200).body("status", equalTo("CLOSED"))
                .body("contact.phone", equalTo(DemandApi.PHONE)).body("closeComment", nullValue());
        read(otherUniversity, id).statusCode(404);
    }

    @Test
    void theAssignedBrokerReadsTheConfidentialDetailsOnceGrantedAndEveryReadIsAudited() {
        String otherBroker = broker("broker.zhao", brokerage);
        String sameNameElsewhere = broker("broker.wang", UUID.randomUUID());
        publicView(read(assignedBroker, id));

        matches.publish(match.assign("broker.wang", brokerage).next(SHORTLISTED));
        matches.awaitConsumed();
        publicView(read(assignedBroker, id)); // being assigned discloses nothing by itself
        trail(owner.user()).statusCode(200).body("total", equalTo(0));
        ConsentApi.granted(assignedBroker, owner.user(), id, match.id(), "DETAILS", "CONTACT");
        for (int i = 0; i < 2; i++) {
            read(assignedBroker, id).statusCode(200).body("confidentialDetails", equalTo(secret))
                    .body("contact.phone", equalTo(DemandApi.PHONE));
        }
        publicView(read(otherBroker, id));
        publicView(read(sameNameElsewhere, id));
        assertFalse(listed(assignedBroker).has("confidentialDetails"), "lists show brokers the public view");

        for (String reader : new String[] {owner.user(), owner.colleague(), TestTokens.admin()}) {
            trail(reader).statusCode(200).body("total", equalTo(2))
                    .body("items[0].readerSubject", equalTo("broker.wang"))
                    .body("items[0].readerOrgId", equalTo(brokerage.toString()))
                    .body("items[0].matchId", equalTo(match.id().toString()));
        }
        for (String outsider : new String[] {assignedBroker, TestTokens.enterprise(UUID.randomUUID()),
                TestTokens.university(university)}) {
            trail(outsider).statusCode(403);
        }
        with(owner.user()).get(demand(UUID.randomUUID().toString()) + "/confidential-reads").then().statusCode(404);
    }

    @Test
    void aReassignedOrEndedMatchNoLongerOpensTheConfidentialDetails() {
        String successor = broker("broker.zhao", brokerage);
        matches.publish(match.assign("broker.wang", brokerage).next(SHORTLISTED));
        matches.awaitConsumed();
        ConsentApi.granted(assignedBroker, owner.user(), id, match.id(), "DETAILS", "CONTACT");
        matches.publish(match.assign("broker.zhao", brokerage).next(INTRODUCED));
        matches.awaitConsumed();
        publicView(read(assignedBroker, id));
        publicView(read(successor, id)); // the predecessor's grant lapsed: the successor needs its own
        ConsentApi.granted(successor, owner.user(), id, match.id(), "DETAILS", "CONTACT");
        read(successor, id).statusCode(200).body("confidentialDetails", equalTo(secret));

        matches.publish(match.next(NEGOTIATING), match.next(DECLINED));
        matches.awaitConsumed();
        publicView(read(successor, id));
        trail(owner.user()).statusCode(200).body("total", equalTo(1))
                .body("items[0].readerSubject", equalTo("broker.zhao"));
    }

    private ValidatableResponse trail(String token) {
        return with(token).get(demand(id) + "/confidential-reads").then();
    }

    /** The demand as the first item of the owner's demands listed for {@code token}. */
    private JsonNode listed(String token) {
        JsonNode items = DemandApi.page(token, owner.org()).get("items");
        assertEquals(1, items.size());
        return items.get(0);
    }

    private static void publicView(ValidatableResponse response) {
        response.statusCode(200).body("contact", nullValue()).body("confidentialDetails", nullValue())
                .body("closeComment", nullValue());
    }

    private static String broker(String subject, UUID org) {
        return TestTokens.forUser(subject).org(org, "BROKERAGE").groups("BROKER").mint();
    }
}

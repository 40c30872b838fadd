package io.kechuang.achievement;

import static io.kechuang.events.match.MatchStatus.DECLINED;
import static io.kechuang.events.match.MatchStatus.INTRODUCED;
import static io.kechuang.events.match.MatchStatus.NEGOTIATING;
import static io.kechuang.events.match.MatchStatus.SHORTLISTED;
import static io.kechuang.events.match.MatchStatus.SUGGESTED;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.kechuang.events.EventJson;
import io.kechuang.listing.match.MatchEventsConfig;
import io.kechuang.testing.MatchEvents;
import io.kechuang.testing.MatchEvents.Match;
import io.kechuang.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The broker assigned to a live match of an achievement reads its contact (never the inventors) once the owner granted
 * its request, through the real broker and database; every such read is audited and read back by the owner and
 * admins. Being assigned alone, other brokers, the assigned broker in lists, and a broker whose match was reassigned
 * or declined get the public view.
 */
@QuarkusTest
class AssignedBrokerTest {

    @Inject
    MatchEventsConfig consumer;

    private final UUID university = AchievementApi.newOrg();
    private final String owner = TestTokens.university(university);
    private final UUID brokerage = AchievementApi.newOrg();
    private final String assignedBroker = broker("broker.wang", brokerage);
    private MatchEvents matches;
    private String id;
    private Match match;

    @BeforeEach
    void publishAnAchievementWithAMatch() {
        matches = MatchEvents.open(AchievementApi.kafka(), consumer.group());
        id = AchievementApi.published(owner, AchievementApi.publishable("一种锂电池极片涂布面密度在线检测方法"));
        match = Match.between(UUID.randomUUID(), AchievementApi.newOrg(), UUID.fromString(id), university);
    }

    @AfterEach
    void disconnect() {
        matches.close();
    }

    @Test
    void theAssignedBrokerReadsTheContactOnceGrantedAndEveryReadIsAudited() {
        String otherBroker = broker("broker.zhao", brokerage);
        String sameNameElsewhere = broker("broker.wang", AchievementApi.newOrg());
        publicView(AchievementApi.read(assignedBroker, id));

        matches.publish(match.assign("broker.wang", brokerage).next(SUGGESTED), match.next(SHORTLISTED));
        matches.awaitConsumed();
        publicView(AchievementApi.read(assignedBroker, id)); // being assigned discloses nothing by itself
        trail(owner).statusCode(200).body("total", equalTo(0));
        ConsentApi.grantedContact(assignedBroker, owner, id, match.id());
        for (int i = 0; i < 2; i++) {
            AchievementApi.read(assignedBroker, id).statusCode(200).body("contact.person", equalTo("李老师"))
                    .body("contact.phone", equalTo("028-85400000")).body("inventors", nullValue())
                    .body("statusReason", nullValue());
        }
        publicView(AchievementApi.read(otherBroker, id));
        publicView(AchievementApi.read(sameNameElsewhere, id));
        assertFalse(listed(assignedBroker).has("contact") && !listed(assignedBroker).get("contact").isNull(),
                "lists show brokers the public view");

        for (String reader : new String[] {owner, TestTokens.university(university), TestTokens.admin()}) {
            trail(reader).statusCode(200).body("total", equalTo(2))
                    .body("items[0].readerSubject", equalTo("broker.wang"))
                    .body("items[0].readerOrgId", equalTo(brokerage.toString()))
                    .body("items[0].matchId", equalTo(match.id().toString()));
        }
        for (String outsider : new String[] {assignedBroker, TestTokens.enterprise(AchievementApi.newOrg()),
                TestTokens.university(AchievementApi.newOrg())}) {
            trail(outsider).statusCode(403).contentType("application/problem+json");
        }
        AchievementApi.with(owner).get(AchievementApi.ACHIEVEMENTS + "/" + UUID.randomUUID() + "/confidential-reads").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aReassignedOrDeclinedMatchNoLongerOpensTheContact() {
        String successor = broker("broker.zhao", brokerage);
        matches.publish(match.assign("broker.wang", brokerage).next(SHORTLISTED));
        matches.awaitConsumed();
        ConsentApi.grantedContact(assignedBroker, owner, id, match.id());
        matches.publish(match.assign("broker.zhao", brokerage).next(INTRODUCED));
        matches.awaitConsumed();
        publicView(AchievementApi.read(assignedBroker, id));
        publicView(AchievementApi.read(successor, id)); // the predecessor's grant lapsed: the successor needs its own
        ConsentApi.grantedContact(successor, owner, id, match.id());
        AchievementApi.read(successor, id).statusCode(200).body("contact.email", equalTo("ttc@example.edu.cn"));

        matches.publish(match.next(NEGOTIATING), match.next(DECLINED));
        matches.awaitConsumed();
        publicView(AchievementApi.read(successor, id));
        trail(owner).statusCode(200).body("total", equalTo(1)).body("items[0].readerSubject", equalTo("broker.zhao"));
    }

    private ValidatableResponse trail(String token) {
        return AchievementApi.with(token).get(AchievementApi.ACHIEVEMENTS + "/" + id + "/confidential-reads").then();
    }

    /** The achievement as the only item of its owner's achievements listed for {@code token}. */
    private JsonNode listed(String token) {
        String body = AchievementApi.with(token).get(AchievementApi.ACHIEVEMENTS + "?owner=" + university).then().statusCode(200).extract().asString();
        try {
            JsonNode items = EventJson.mapper().readTree(body).get("items");
            assertEquals(1, items.size());
            return items.get(0);
        } catch (java.io.IOException e) {
            throw new AssertionError(body, e);
        }
    }

    private static void publicView(ValidatableResponse response) {
        response.statusCode(200).body("contact", nullValue()).body("inventors", nullValue())
                .body("statusReason", nullValue());
    }

    private static String broker(String subject, UUID org) {
        return TestTokens.forUser(subject).org(org, "BROKERAGE").groups("BROKER").mint();
    }
}

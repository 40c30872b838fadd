package io.kechuang.achievement;

import static io.kechuang.achievement.AchievementApi.ACHIEVEMENTS;
import static io.kechuang.achievement.AchievementApi.read;
import static io.kechuang.achievement.AchievementApi.with;
import static io.kechuang.achievement.ConsentApi.accept;
import static io.kechuang.achievement.ConsentApi.broker;
import static io.kechuang.achievement.ConsentApi.decide;
import static io.kechuang.achievement.ConsentApi.grantedContact;
import static io.kechuang.achievement.ConsentApi.request;
import static io.kechuang.achievement.ConsentApi.requireNda;
import static io.kechuang.events.match.MatchStatus.EXPIRED;
import static io.kechuang.events.match.MatchStatus.INTRODUCED;
import static io.kechuang.events.match.MatchStatus.SHORTLISTED;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.kechuang.events.EventJson;
import io.kechuang.events.EventTypes;
import io.kechuang.events.Topics;
import io.kechuang.listing.match.MatchEventsConfig;
import io.kechuang.testing.MatchEvents;
import io.kechuang.testing.MatchEvents.Match;
import io.kechuang.testing.TestTokens;
import io.kechuang.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Consent gates an achievement's contact for brokers as it gates a demand's (the kernel is shared): being assigned
 * discloses nothing; the owner grants, refuses or revokes the assigned broker's request, a reassignment or an ended
 * match lapses it, and an NDA the owner requires must be accepted first, by the broker and by an introduced
 * enterprise. Each change is an event on {@code achievement-access.v1}, read back from the real broker.
 */
@QuarkusTest
class ConsentTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String TERMS = "保密协议：对接中获知的成果联系人信息不得向第三方披露。" + UUID.randomUUID();

    @Inject
    MatchEventsConfig consumer;

    private final UUID university = AchievementApi.newOrg();
    private final String owner = TestTokens.university(university);
    private final UUID brokerage = AchievementApi.newOrg();
    private final String wang = broker("broker.wang", brokerage);
    private final String zhao = broker("broker.zhao", brokerage);
    private final UUID enterprise = AchievementApi.newOrg();
    private MatchEvents matches;
    private TopicProbe topic;
    private String id;
    private Match match;

    @BeforeEach
    void publishAnAchievementAssignedToABroker() {
        matches = MatchEvents.open(AchievementApi.kafka(), consumer.group());
        topic = TopicProbe.open(AchievementApi.kafka(), Topics.ACHIEVEMENT_ACCESS);
        id = AchievementApi.published(owner, AchievementApi.publishable("钙钛矿光伏组件低温封装工艺"));
        match = Match.between(UUID.randomUUID(), enterprise, UUID.fromString(id), university);
        matches.publish(match.assign("broker.wang", brokerage).next(SHORTLISTED));
        matches.awaitConsumed();
    }

    @AfterEach
    void disconnect() {
        matches.close();
        topic.close();
    }

    @Test
    void theContactIsDisclosedOnlyWhileGrantedAndEachStepIsAnEvent() {
        hidden(read(wang, id));
        request(wang, id, match.id(), "DETAILS").statusCode(400).contentType("application/problem+json");
        String refused = request(wang, id, match.id(), "CONTACT").statusCode(201).extract().path("id");
        hidden(read(wang, id));
        JsonNode requested = await(refused, EventTypes.ACCESS_REQUESTED);
        assertEquals("ACHIEVEMENT", requested.at("/data/listingKind").asText());
        assertEquals(university.toString(), requested.at("/data/ownerOrgId").asText());
        decide(owner, id, refused, "refuse").statusCode(200).body("status", equalTo("REFUSED"));
        assertEquals("REFUSED", await(refused, EventTypes.ACCESS_REFUSED).at("/data/status").asText());
        hidden(read(wang, id));

        String revoked = grantedContact(wang, owner, id, match.id());
        assertEquals(2, await(revoked, EventTypes.ACCESS_GRANTED).get("aggregateVersion").asLong());
        read(wang, id).statusCode(200).body("contact.phone", equalTo("028-85400000")).body("inventors", nullValue());
        decide(owner, id, revoked, "revoke").statusCode(200);
        assertEquals("REVOKED", await(revoked, EventTypes.ACCESS_REVOKED).at("/data/status").asText());
        hidden(read(wang, id));

        String lapsed = grantedContact(wang, owner, id, match.id());
        matches.publish(match.assign("broker.zhao", brokerage).next(SHORTLISTED));
        matches.awaitConsumed();
        assertEquals("system", await(lapsed, EventTypes.ACCESS_LAPSED).at("/data/decidedBy").asText());
        hidden(read(wang, id));
        hidden(read(zhao, id));
        String zhaos = grantedContact(zhao, owner, id, match.id());
        read(zhao, id).statusCode(200).body("contact.email", equalTo("ttc@example.edu.cn"));
        matches.publish(match.next(EXPIRED));
        matches.awaitConsumed();
        await(zhaos, EventTypes.ACCESS_LAPSED);
        hidden(read(zhao, id));
        assertNothingConfidential();
    }

    @Test
    void otherOrganisationsCannotSeeOrDecideRequestsAndBrokersCannotGrant() {
        String request = request(wang, id, match.id(), "CONTACT").statusCode(201).extract().path("id");
        for (String outsider : new String[] {TestTokens.university(AchievementApi.newOrg()),
                TestTokens.enterprise(enterprise)}) {
            with(outsider).get(ACHIEVEMENTS + "/" + id + "/access-requests").then().statusCode(404)
                    .contentType("application/problem+json");
            with(outsider).get(ACHIEVEMENTS + "/" + id + "/access-requests/" + request).then().statusCode(404);
            decide(outsider, id, request, "grant").statusCode(404).contentType("application/problem+json");
        }
        decide(wang, id, request, "grant").statusCode(403).contentType("application/problem+json");
        decide(zhao, id, request, "refuse").statusCode(403);
        request(zhao, id, match.id(), "CONTACT").statusCode(403);
        with(owner).queryParam("status", "PENDING").get(ACHIEVEMENTS + "/access-requests").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo(request));
        with(wang).get(ACHIEVEMENTS + "/" + id + "/access-requests/" + request).then().statusCode(200)
                .body("status", equalTo("PENDING"));
        hidden(read(wang, id));
    }

    @Test
    void anNdaMustBeAcceptedByTheBrokerAndByTheIntroducedEnterprise() {
        String counterpart = TestTokens.enterprise(enterprise);
        int version = requireNda(owner, id, TERMS);
        JsonNode required = await(id, EventTypes.NDA_REQUIRED);
        assertEquals(version, required.at("/data/termsVersion").asInt());
        grantedContact(wang, owner, id, match.id());
        hidden(read(wang, id));
        String brokers = accept(wang, id, version).statusCode(201).body("capacity", equalTo("BROKER"))
                .extract().path("id");
        assertEquals("BROKER", await(brokers, EventTypes.NDA_ACCEPTED).at("/data/capacity").asText());
        read(wang, id).statusCode(200).body("contact.person", equalTo("李老师"));

        matches.publish(match.next(INTRODUCED));
        matches.awaitConsumed();
        hidden(read(counterpart, id));
        String theirs = accept(counterpart, id, version).statusCode(201).body("capacity", equalTo("COUNTERPART"))
                .extract().path("id");
        assertEquals(enterprise.toString(), await(theirs, EventTypes.NDA_ACCEPTED).at("/data/acceptedByOrgId").asText());
        read(counterpart, id).statusCode(200).body("contact.person", equalTo("李老师")).body("inventors", nullValue());

        int next = requireNda(owner, id, TERMS + "（第二版）");
        hidden(read(wang, id));
        hidden(read(counterpart, id));
        accept(counterpart, id, version).statusCode(409).body("currentVersion", equalTo(next));
        with(owner).delete(ACHIEVEMENTS + "/" + id + "/nda").then().statusCode(204);
        assertFalse(await(id, EventTypes.NDA_DROPPED).at("/data/required").asBoolean());
        read(wang, id).statusCode(200).body("contact.person", equalTo("李老师"));
        read(counterpart, id).statusCode(200).body("contact.person", equalTo("李老师"));
        with(owner).get(ACHIEVEMENTS + "/" + id + "/nda/acceptances").then().statusCode(200)
                .body("total", equalTo(2));
        assertNothingConfidential();
    }

    private JsonNode await(String key, String type) {
        JsonNode event = parse(topic.awaitRecord(r -> key.equals(r.key()) && type.equals(parse(r).get("type").asText()),
                WAIT));
        assertEquals(key, event.get("subject").asText());
        return event;
    }

    private void assertNothingConfidential() {
        for (String event : topic.records().stream().map(ConsumerRecord::value).toList()) {
            for (String confidential : List.of("李老师", "028-85400000", "ttc@example.edu.cn", "张伟", TERMS, "保密协议",
                    "\"contact\"", "\"terms\"")) {
                assertFalse(event.contains(confidential), "event leaks '" + confidential + "': " + event);
            }
        }
    }

    private static JsonNode parse(ConsumerRecord<String, String> record) {
        try {
            return EventJson.mapper().readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void hidden(ValidatableResponse response) {
        response.statusCode(200).body("contact", nullValue()).body("inventors", nullValue());
    }
}

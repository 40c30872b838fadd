package io.kechuang.demand;

import static io.kechuang.demand.ConsentApi.accept;
import static io.kechuang.demand.ConsentApi.broker;
import static io.kechuang.demand.ConsentApi.decide;
import static io.kechuang.demand.ConsentApi.requested;
import static io.kechuang.demand.ConsentApi.requireNda;
import static io.kechuang.demand.DemandApi.demand;
import static io.kechuang.demand.DemandApi.with;
import static io.kechuang.events.match.MatchStatus.INTRODUCED;
import static io.kechuang.events.match.MatchStatus.SHORTLISTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kechuang.events.EventTypes;
import io.kechuang.events.Topics;
import io.kechuang.listing.match.MatchEventsConfig;
import io.kechuang.testing.MatchEvents;
import io.kechuang.testing.MatchEvents.Match;
import io.kechuang.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every consent change is an event on {@code demand-access.v1}, written through the outbox in the transaction of the
 * change and read back here from the real broker: the request and each decision (keyed by request id, the whole
 * {@code AccessRequestState}), the NDA's new versions and its drop (keyed by demand id, {@code NdaTermsState} with a
 * digest of the terms), each acceptance (keyed by acceptance id). None carries the demand's confidential details, its
 * contact or the terms' text.
 */
@QuarkusTest
class ConsentEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String TERMS = "保密协议：对接中获知的保密信息不得向第三方披露。" + UUID.randomUUID();

    @Inject
    MatchEventsConfig consumer;

    private final DemandApi.Enterprise owner = DemandApi.Enterprise.register();
    private final String secret = "保密：主机厂定点项目 " + UUID.randomUUID();
    private final UUID brokerage = UUID.randomUUID();
    private final String wang = broker("broker.wang", brokerage);
    private final String zhao = broker("broker.zhao", brokerage);
    private MatchEvents matches;
    private TopicProbe topic;
    private String id;

    @BeforeEach
    void watch() {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        matches = MatchEvents.open(bootstrap, consumer.group());
        topic = TopicProbe.open(bootstrap, Topics.DEMAND_ACCESS);
        id = DemandApi.opened(owner.user(), DemandApi.openable("锂电池极片涂布面密度在线检测", secret));
    }

    @AfterEach
    void disconnect() {
        matches.close();
        topic.close();
    }

    @Test
    void eachRequestDecisionAndLapseIsAnEventOfTheRequest() {
        Match first = assigned("broker.wang");
        Match second = assigned("broker.wang");
        String refused = requested(wang, id, first.id(), "CONTACT");
        JsonNode requestedEvent = await(refused, EventTypes.ACCESS_REQUESTED);
        JsonNode data = requestedEvent.get("data");
        assertEquals("PENDING", data.get("status").asText());
        assertEquals("DEMAND", data.get("listingKind").asText());
        assertEquals(id, data.get("listingId").asText());
        assertEquals(owner.org().toString(), data.get("ownerOrgId").asText());
        assertEquals(first.id().toString(), data.get("matchId").asText());
        assertEquals("broker.wang", data.get("brokerSubject").asText());
        assertEquals(brokerage.toString(), data.get("brokerOrgId").asText());
        assertEquals(List.of("CONTACT"), texts(data.get("scopes")));
        assertEquals(1, requestedEvent.get("aggregateVersion").asLong());
        assertEquals(refused, requestedEvent.get("subject").asText());

        decide(owner.user(), id, refused, "refuse").statusCode(200);
        JsonNode refusal = await(refused, EventTypes.ACCESS_REFUSED);
        assertEquals("REFUSED", refusal.get("data").get("status").asText());
        assertEquals("enterprise-user", refusal.get("data").get("decidedBy").asText());
        assertEquals(2, refusal.get("aggregateVersion").asLong());

        String revoked = requested(wang, id, first.id(), "DETAILS", "CONTACT");
        decide(owner.user(), id, revoked, "grant").statusCode(200);
        JsonNode grant = await(revoked, EventTypes.ACCESS_GRANTED);
        assertEquals("GRANTED", grant.get("data").get("status").asText());
        assertEquals(2, texts(grant.get("data").get("scopes")).size());
        decide(owner.user(), id, revoked, "revoke").statusCode(200);
        JsonNode revocation = await(revoked, EventTypes.ACCESS_REVOKED);
        assertEquals("REVOKED", revocation.get("data").get("status").asText());
        assertEquals(3, revocation.get("aggregateVersion").asLong());

        String lapsed = requested(wang, id, second.id(), "DETAILS");
        decide(owner.user(), id, lapsed, "grant").statusCode(200);
        matches.publish(second.assign("broker.zhao", brokerage).next(INTRODUCED));
        matches.awaitConsumed();
        JsonNode lapse = await(lapsed, EventTypes.ACCESS_LAPSED);
        assertEquals("LAPSED", lapse.get("data").get("status").asText());
        assertEquals("system", lapse.get("data").get("decidedBy").asText());
        assertEquals(3, lapse.get("aggregateVersion").asLong());
        requested(zhao, id, second.id(), "DETAILS"); // the new broker asks afresh
        assertNothingConfidential();
    }

    @Test
    void theNdaItsVersionsItsDropAndEachAcceptanceAreEvents() {
        Match match = assigned("broker.wang");
        requireNda(owner.user(), id, TERMS);
        JsonNode required = await(id, EventTypes.NDA_REQUIRED);
        assertEquals(1, required.get("data").get("termsVersion").asInt());
        assertTrue(required.get("data").get("required").asBoolean());
        assertEquals(NdaTest.sha256(TERMS), required.get("data").get("termsSha256").asText());
        assertEquals(owner.org().toString(), required.get("data").get("ownerOrgId").asText());
        assertEquals(1, required.get("aggregateVersion").asLong());

        String acceptance = accept(wang, id, 1).statusCode(201).extract().path("id");
        JsonNode accepted = await(acceptance, EventTypes.NDA_ACCEPTED);
        assertEquals("BROKER", accepted.get("data").get("capacity").asText());
        assertEquals(1, accepted.get("data").get("termsVersion").asInt());
        assertEquals("broker.wang", accepted.get("data").get("acceptedBySubject").asText());
        assertEquals(brokerage.toString(), accepted.get("data").get("acceptedByOrgId").asText());
        assertEquals(match.id().toString(), accepted.get("data").get("matchId").asText());
        assertEquals(id, accepted.get("data").get("listingId").asText());

        with(owner.user()).delete(demand(id) + "/nda").then().statusCode(204);
        JsonNode dropped = await(id, EventTypes.NDA_DROPPED);
        assertFalse(dropped.get("data").get("required").asBoolean());
        assertEquals(2, dropped.get("aggregateVersion").asLong());
        requireNda(owner.user(), id, TERMS + " v2");
        JsonNode second = awaitVersion(id, 3);
        assertEquals(2, second.get("data").get("termsVersion").asInt());
        assertEquals(EventTypes.NDA_REQUIRED, second.get("type").asText());
        assertNothingConfidential();
    }

    private Match assigned(String broker) {
        Match match = Match.between(UUID.fromString(id), owner.org(), UUID.randomUUID(), UUID.randomUUID());
        matches.publish(match.assign(broker, brokerage).next(SHORTLISTED));
        matches.awaitConsumed();
        return match;
    }

    /** The event of {@code type} keyed {@code key}; the envelope's subject is the key too. */
    private JsonNode await(String key, String type) {
        JsonNode event = DemandEvents.parse(topic.awaitRecord(r -> key.equals(r.key())
                && type.equals(DemandEvents.parse(r).get("type").asText()), WAIT));
        assertEquals(key, event.get("subject").asText());
        return event;
    }

    private JsonNode awaitVersion(String key, long version) {
        return DemandEvents.parse(topic.awaitRecord(r -> key.equals(r.key())
                && DemandEvents.parse(r).get("aggregateVersion").asLong() == version, WAIT));
    }

    /** Nothing on the topic carries the demand's confidential parts or the terms' text. */
    private void assertNothingConfidential() {
        List<String> events = topic.records().stream().map(ConsumerRecord::value).toList();
        assertFalse(events.isEmpty());
        for (String event : events) {
            for (String confidential : List.of(secret, DemandApi.PHONE, DemandApi.EMAIL, "刘工", TERMS, "保密协议",
                    "confidentialDetails", "\"contact\"", "\"terms\"")) {
                assertFalse(event.contains(confidential), "event leaks '" + confidential + "': " + event);
            }
        }
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}

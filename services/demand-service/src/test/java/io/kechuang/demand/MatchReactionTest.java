package io.kechuang.demand;

import static io.kechuang.demand.DemandApi.demand;
import static io.kechuang.demand.DemandApi.with;
import static io.kechuang.events.match.MatchStatus.DECLINED;
import static io.kechuang.events.match.MatchStatus.INTRODUCED;
import static io.kechuang.events.match.MatchStatus.MEETING_SCHEDULED;
import static io.kechuang.events.match.MatchStatus.NEGOTIATING;
import static io.kechuang.events.match.MatchStatus.SHORTLISTED;
import static io.kechuang.events.match.MatchStatus.SUGGESTED;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.kechuang.common.consumer.DeadLetterQueue;
import io.kechuang.events.EventTypes;
import io.kechuang.events.Topics;
import io.kechuang.events.match.MatchStatus;
import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.listing.match.MatchEventsConfig;
import io.kechuang.testing.MatchEvents;
import io.kechuang.testing.MatchEvents.Match;
import io.kechuang.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demand follows its matches as the matching service publishes them on {@code matches.v1}, through the real broker
 * and database: into negotiation on an introduction, back to OPEN when every introduced match is declined (unless the
 * enterprise chose negotiation itself), fulfilled on a contract, each with its own event on {@code demands.v1};
 * idempotent against repeated and late events; a poison record goes to {@code demand-service.dlq}.
 */
@QuarkusTest
class MatchReactionTest {

    @Inject
    MatchEventsConfig consumer;

    private final DemandApi.Enterprise owner = DemandApi.Enterprise.register();
    private MatchEvents matches;

    @BeforeEach
    void connect() {
        matches = MatchEvents.open(kafka(), consumer.group());
    }

    @AfterEach
    void disconnect() {
        matches.close();
    }

    @Test
    void anIntroductionPutsTheDemandIntoNegotiationAndAContractFulfilsIt() {
        try (DemandEvents events = DemandEvents.watch()) {
            String secret = "保密：产线良率数据 " + UUID.randomUUID();
            String id = DemandApi.opened(owner.user(), DemandApi.openable("光伏组件EL缺陷在线检测", secret));
            Match match = matchOf(id).assign("broker.wang", UUID.randomUUID());

            matches.publish(match.next(SUGGESTED), match.next(SHORTLISTED));
            matches.awaitConsumed();
            statusIs(id, "OPEN", 1);

            matches.publish(match.next(INTRODUCED));
            matches.awaitConsumed();
            statusIs(id, "IN_NEGOTIATION", 2);

            matches.publish(match.next(MEETING_SCHEDULED), match.next(NEGOTIATING), match.contracted(CooperationMode.LICENCE));
            matches.awaitConsumed();
            statusIs(id, "FULFILLED", 3);

            events.await(id, EventTypes.DEMAND_FULFILLED, 3);
            assertEquals(List.of("opened@1", "in-negotiation@2", "fulfilled@3"), events.history(id));
            for (String event : events.raw(id)) {
                assertFalse(event.contains(secret) || event.contains(DemandApi.PHONE), "event leaks: " + event);
            }
        }
    }

    @Test
    void aContractFulfilsADemandThatIsStillOpen() {
        try (DemandEvents events = DemandEvents.watch()) {
            String id = DemandApi.opened(owner.user(), DemandApi.openable("城市污泥低温干化"));
            matches.publish(matchOf(id).at(6, MatchStatus.CONTRACTED, CooperationMode.JOINT_DEVELOPMENT));
            matches.awaitConsumed();
            statusIs(id, "FULFILLED", 2);
            events.await(id, EventTypes.DEMAND_FULFILLED, 2);
            assertEquals(List.of("opened@1", "fulfilled@2"), events.history(id));
        }
    }

    @Test
    void aDemandOffTheMarketIgnoresItsMatchesWithoutDeadLetters() {
        String id = DemandApi.opened(owner.user(), DemandApi.openable("冷链车厢温度场建模"));
        with(owner.user()).body(Map.of("reason", "NO_LONGER_NEEDED")).post(demand(id) + "/close").then().statusCode(200);
        Match match = matchOf(id);
        try (DemandEvents events = DemandEvents.watch(); TopicProbe deadLetters = TopicProbe.open(kafka(), deadLetterTopic())) {
            matches.publish(match.at(3, INTRODUCED), match.at(5, MatchStatus.CONTRACTED, CooperationMode.TRANSFER));
            matches.awaitConsumed();
            statusIs(id, "CLOSED", 2);
            events.assertNoneAfter(id, 2, Duration.ofSeconds(1));
            deadLetters.assertNoRecord(r -> match.id().toString().equals(r.key()), Duration.ofMillis(500));
        }
    }

    @Test
    void repeatedAndLateMatchEventsChangeNothing() {
        try (DemandEvents events = DemandEvents.watch()) {
            String id = DemandApi.opened(owner.user(), DemandApi.openable("风电叶片前缘腐蚀监测"));
            Match match = matchOf(id);
            matches.publish(match.next(SUGGESTED), match.next(SHORTLISTED), match.next(INTRODUCED));
            matches.awaitConsumed();
            statusIs(id, "IN_NEGOTIATION", 2);

            // The same versions again, an older one, and one that claims a contract at a version already applied.
            matches.publish(match.at(3, INTRODUCED), match.at(2, SHORTLISTED), match.at(1, SUGGESTED),
                    match.at(3, MatchStatus.CONTRACTED, CooperationMode.TRANSFER));
            matches.awaitConsumed();
            statusIs(id, "IN_NEGOTIATION", 2);
            events.assertNoneAbout(id, EventTypes.DEMAND_UPDATED, Duration.ofMillis(500));

            // A decline overtakes the negotiation it ends: back on the market; the negotiation then arrives late.
            matches.publish(match.at(5, DECLINED), match.at(4, NEGOTIATING));
            matches.awaitConsumed();
            statusIs(id, "OPEN", 3);
            // ... and the decline once more, with the introduction and the negotiation again.
            matches.publish(match.at(5, DECLINED), match.at(3, INTRODUCED), match.at(4, NEGOTIATING));
            matches.awaitConsumed();

            statusIs(id, "OPEN", 3);
            events.assertNoneAbout(id, EventTypes.DEMAND_FULFILLED, Duration.ofSeconds(1));
            assertEquals(List.of("opened@1", "in-negotiation@2", "updated@3"), events.history(id));
        }
    }

    @Test
    void aDemandGoesBackOnTheMarketWhenNoIntroducedMatchIsLeft() {
        try (DemandEvents events = DemandEvents.watch()) {
            String id = DemandApi.opened(owner.user(), DemandApi.openable("光伏组件热斑无人机巡检"));
            Match first = matchOf(id);
            Match second = matchOf(id);
            matches.publish(first.next(SUGGESTED), first.next(INTRODUCED), second.next(SUGGESTED),
                    second.next(SHORTLISTED), second.next(INTRODUCED), second.next(MEETING_SCHEDULED));
            matches.awaitConsumed();
            statusIs(id, "IN_NEGOTIATION", 2);

            // One declined, the other still meeting: the demand stays in negotiation.
            matches.publish(first.next(DECLINED));
            matches.awaitConsumed();
            statusIs(id, "IN_NEGOTIATION", 2);

            // The last one declined too: back to OPEN, with an event that carries the new status.
            matches.publish(second.next(DECLINED));
            matches.awaitConsumed();
            statusIs(id, "OPEN", 3);
            JsonNode reopened = events.await(id, EventTypes.DEMAND_UPDATED, 3);
            assertEquals("OPEN", reopened.get("data").get("status").asText());
            assertEquals(3, reopened.get("data").get("version").asInt());

            // A third match introduced later takes it into negotiation again.
            Match third = matchOf(id);
            matches.publish(third.next(INTRODUCED));
            matches.awaitConsumed();
            statusIs(id, "IN_NEGOTIATION", 4);
            events.await(id, EventTypes.DEMAND_IN_NEGOTIATION, 4);
            assertEquals(List.of("opened@1", "in-negotiation@2", "updated@3", "in-negotiation@4"), events.history(id));
        }
    }

    @Test
    void aNegotiationTheEnterpriseStartedItselfOutlastsADeclinedMatch() {
        try (DemandEvents events = DemandEvents.watch()) {
            String id = DemandApi.opened(owner.user(), DemandApi.openable("钢桥面铺装层疲劳开裂监测"));
            with(owner.user()).post(demand(id) + "/negotiate").then().statusCode(200);
            Match match = matchOf(id);
            matches.publish(match.next(SUGGESTED), match.next(INTRODUCED), match.next(DECLINED));
            matches.awaitConsumed();

            statusIs(id, "IN_NEGOTIATION", 2);
            events.assertNoneAbout(id, EventTypes.DEMAND_UPDATED, Duration.ofSeconds(1));
            assertEquals(List.of("opened@1", "in-negotiation@2"), events.history(id));
        }
    }

    @Test
    void aDeclineOfAMatchThatWasNeverIntroducedLeavesAnOpenDemandAlone() {
        try (DemandEvents events = DemandEvents.watch()) {
            String id = DemandApi.opened(owner.user(), DemandApi.openable("农田土壤墒情低功耗传感"));
            Match match = matchOf(id);
            matches.publish(match.next(SUGGESTED), match.next(DECLINED));
            matches.awaitConsumed();
            statusIs(id, "OPEN", 1);
            events.assertNoneAbout(id, EventTypes.DEMAND_UPDATED, Duration.ofSeconds(1));
            assertEquals(List.of("opened@1"), events.history(id));
        }
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextRecordIsProcessed() {
        String id = DemandApi.opened(owner.user(), DemandApi.openable("高压电缆局放在线监测"));
        Match match = matchOf(id);
        String key = match.id().toString();
        String incomplete = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"type\":\""
                + EventTypes.MATCH_STATUS_CHANGED + "\",\"source\":\"/services/matching-service\",\"subject\":\"" + key
                + "\",\"time\":\"2026-11-24T06:40:12Z\",\"aggregateVersion\":1,\"data\":{\"id\":\"" + key
                + "\",\"status\":\"INTRODUCED\"}}";
        try (TopicProbe deadLetters = TopicProbe.open(kafka(), deadLetterTopic())) {
            matches.publish(key, "not an event");
            matches.publish(key, incomplete);
            matches.publish(match.next(INTRODUCED));
            matches.awaitConsumed();

            statusIs(id, "IN_NEGOTIATION", 2);
            ConsumerRecord<String, String> garbage = deadLetters.awaitRecord(
                    r -> key.equals(r.key()) && r.value().equals("not an event"), DemandEvents.WAIT);
            assertEquals(Topics.MATCHES, header(garbage, DeadLetterQueue.ORIGINAL_TOPIC));
            assertEquals("1", header(garbage, DeadLetterQueue.ATTEMPTS), "a malformed record is not retried");
            deadLetters.awaitRecord(r -> key.equals(r.key()) && r.value().equals(incomplete), DemandEvents.WAIT);
        }
    }

    private Match matchOf(String demandId) {
        return Match.between(UUID.fromString(demandId), owner.org(), UUID.randomUUID(), UUID.randomUUID());
    }

    private void statusIs(String id, String status, int version) {
        DemandApi.read(owner.user(), id).statusCode(200).body("status", equalTo(status)).body("version", equalTo(version));
    }

    private String deadLetterTopic() {
        return Topics.DEMAND_SERVICE_DLQ_SPEC.name();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static String kafka() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}

package io.kechuang.matching.directory;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.common.consumer.DeadLetterQueue;
import io.kechuang.events.EventEnvelope;
import io.kechuang.events.EventJson;
import io.kechuang.events.EventTypes;
import io.kechuang.events.Topics;
import io.kechuang.events.identity.OrganisationState;
import io.kechuang.events.identity.UserState;
import io.kechuang.events.taxonomy.OrgType;
import io.kechuang.matching.Identities;
import io.kechuang.matching.MatchingEngine;
import io.kechuang.testing.TopicProbe;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The directory's consumer of identity.v1, against the real broker and database: it applies only newer versions
 * (older events and duplicates change nothing), dead-letters what is not an identity event and moves on, and is
 * watched by the service's liveness.
 */
@QuarkusTest
class IdentityConsumerTest {

    @Inject
    MatchingEngine engine;

    @Inject
    Directory directory;

    private Identities identities;
    private String kafka;

    @BeforeEach
    void open() {
        kafka = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        identities = new Identities(kafka, directory);
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.identity().joined());
    }

    @AfterEach
    void close() {
        identities.close();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    @Test
    void anOlderVersionAndADuplicateChangeNothing() {
        UUID org = UUID.randomUUID();
        UUID userId = UUID.randomUUID();
        String subject = "directory-" + userId;
        identities.organisation(new OrganisationState(org, "成都知识产权运营中心", OrgType.BROKERAGE, "510100", true, 10, now()));
        identities.user(new UserState(userId, subject, org, "周经理", Set.of("BROKER"), true, true, 10, now()));
        long applied = engine.identity().applied();

        // Older and same versions, each saying something else, then a newer one on the same keys (so the same
        // partitions, read in order): only the newer one is applied.
        identities.publish(new UserState(userId, subject, org, "旧名字", Set.of("BROKER"), false, false, 9, now()));
        identities.publish(new UserState(userId, subject, org, "重复", Set.of(), false, false, 10, now()));
        identities.publish(new OrganisationState(org, "旧机构名", OrgType.BROKERAGE, "510100", false, 3, now()));
        identities.publish(new OrganisationState(org, "重复机构名", OrgType.BROKERAGE, "510100", false, 10, now()));
        DirectoryUser user = directory.user(subject).orElseThrow();
        assertEquals("周经理", user.displayName);
        identities.user(new UserState(userId, subject, org, "周经理", Set.of("BROKER"), true, true, 11, now()));
        identities.organisation(new OrganisationState(org, "成都知识产权运营中心", OrgType.BROKERAGE, "510100", true, 11,
                now()));
        assertEquals(applied + 2, engine.identity().applied(), "only the two newer events changed the directory");

        user = directory.user(subject).orElseThrow();
        assertEquals(11, user.version);
        assertTrue(user.enabled && user.lead && user.isActiveBroker());
        assertEquals(org, user.organisationId);
        DirectoryOrganisation o = directory.organisation(org).orElseThrow();
        assertEquals("成都知识产权运营中心", o.name);
        assertTrue(o.enabled);
        assertEquals(11, o.version);
    }

    @Test
    void aRecordThatIsNotAnIdentityEventIsDeadLetteredAndTheConsumerMovesOn() {
        UUID userId = UUID.randomUUID();
        String key = userId.toString();
        long deadBefore = engine.identity().deadLettered();
        try (TopicProbe dlq = TopicProbe.open(kafka, Topics.MATCHING_DLQ_SPEC.name())) {
            identities.send(key, "{not json");
            // A user event without a subject: no broker could ever be found by it.
            identities.send(key, EventJson.write(EventEnvelope.of(EventTypes.USER_CHANGED, "/services/gateway", key, 1,
                    new UserState(userId, null, UUID.randomUUID(), "无名", Set.of("BROKER"), false, true, 1, now()))));
            // The next record on the same partition is applied.
            UserState valid = identities.user(new UserState(userId, "directory-" + userId, UUID.randomUUID(), "吴经理",
                    Set.of("BROKER"), false, true, 2, now()));
            assertEquals("吴经理", directory.user(valid.subject()).orElseThrow().displayName);

            var first = dlq.awaitRecord(r -> key.equals(r.key()) && r.value().equals("{not json"), Duration.ofSeconds(10));
            assertEquals(Topics.IDENTITY, new String(first.headers().lastHeader(DeadLetterQueue.ORIGINAL_TOPIC).value(),
                    StandardCharsets.UTF_8));
            dlq.awaitRecord(r -> key.equals(r.key()) && r.value().contains("无名"), Duration.ofSeconds(10));
        }
        assertEquals(deadBefore + 2, engine.identity().deadLettered());
    }

    /** Liveness, on the management interface (the path is relative to its root, /q). */
    @TestHTTPResource(value = "/health/live", management = true)
    URL live;

    @Test
    void theConsumerIsWatchedByLiveness() {
        given().get(live).then().statusCode(200)
                .body("checks.find { it.name == 'Kafka consumers' }.data", hasKey("matching-identity"))
                .body("checks.find { it.name == 'Kafka consumers' }.data['matching-identity']", startsWith("running"));
    }
}

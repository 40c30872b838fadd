package io.kechuang.achievement;

import static io.kechuang.events.match.MatchStatus.CONTRACTED;
import static io.kechuang.events.match.MatchStatus.DECLINED;
import static io.kechuang.events.match.MatchStatus.INTRODUCED;
import static io.kechuang.events.match.MatchStatus.SHORTLISTED;
import static io.kechuang.events.taxonomy.CooperationMode.LICENCE;
import static io.kechuang.events.taxonomy.CooperationMode.TRANSFER;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.common.consumer.DeadLetterQueue;
import io.kechuang.events.EventTypes;
import io.kechuang.events.Topics;
import io.kechuang.listing.match.MatchEventsConfig;
import io.kechuang.testing.MatchEvents;
import io.kechuang.testing.MatchEvents.Match;
import io.kechuang.testing.TestTokens;
import io.kechuang.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The achievement service follows the matches of its achievements on {@code matches.v1}, against the real broker and
 * database: a transfer contract marks the achievement transferred (with its event on {@code achievements.v1}), other
 * contracts do not; the enterprise introduced to it sees its contact, never its inventors.
 */
@QuarkusTest
class AchievementMatchesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    MatchEventsConfig consumer;

    private final UUID university = AchievementApi.newOrg();
    private final String owner = TestTokens.university(university);
    private MatchEvents matches;

    @BeforeEach
    void connect() {
        matches = MatchEvents.open(AchievementApi.kafka(), consumer.group());
    }

    @AfterEach
    void disconnect() {
        matches.close();
    }

    @Test
    void aTransferContractTransfersTheAchievementAndALicenceDoesNot() {
        String transferred = AchievementApi.published(owner, AchievementApi.publishable("一种钙钛矿组件低温封装方法（转让）"));
        String licensed = AchievementApi.published(owner, AchievementApi.publishable("一种钙钛矿组件低温封装方法（许可）"));
        Match transfer = matchWith(transferred, AchievementApi.newOrg());
        Match licence = matchWith(licensed, AchievementApi.newOrg());
        try (TopicProbe events = TopicProbe.open(AchievementApi.kafka(), Topics.ACHIEVEMENTS)) {
            matches.publish(transfer.next(INTRODUCED), licence.next(INTRODUCED));
            matches.publish(transfer.contracted(TRANSFER), licence.contracted(LICENCE));
            matches.awaitConsumed();

            AchievementApi.read(owner, transferred).statusCode(200).body("status", equalTo("TRANSFERRED")).body("version", equalTo(2))
                    .body("statusReason", equalTo("Transfer contract recorded on match " + transfer.id()));
            AchievementApi.read(owner, licensed).statusCode(200).body("status", equalTo("PUBLISHED")).body("version", equalTo(1));
            ConsumerRecord<String, String> event = events.awaitRecord(r -> transferred.equals(r.key()), WAIT);
            assertTrue(event.value().contains(EventTypes.ACHIEVEMENT_TRANSFERRED), event.value());
            // Its "published" event may still be on its way from the outbox: only a later change would be wrong.
            events.assertNoRecord(r -> licensed.equals(r.key())
                    && !r.value().contains("\"type\":\"" + EventTypes.ACHIEVEMENT_PUBLISHED + "\""), Duration.ofSeconds(1));
        }
    }

    @Test
    void theIntroducedEnterpriseGetsTheContactButNeverTheInventors() {
        String id = AchievementApi.published(owner, AchievementApi.publishable("基于机器视觉的光伏组件隐裂检测"));
        UUID enterprise = AchievementApi.newOrg();
        String introduced = TestTokens.enterprise(enterprise);
        String bystander = TestTokens.enterprise(AchievementApi.newOrg());
        Match match = matchWith(id, enterprise);

        matches.publish(match.next(SHORTLISTED));
        matches.awaitConsumed();
        AchievementApi.read(introduced, id).statusCode(200).body("contact", nullValue()).body("inventors", nullValue());

        matches.publish(match.next(INTRODUCED));
        matches.awaitConsumed();
        AchievementApi.read(introduced, id).statusCode(200).body("contact.person", equalTo("李老师"))
                .body("contact.email", equalTo("ttc@example.edu.cn")).body("inventors", nullValue());
        AchievementApi.read(bystander, id).statusCode(200).body("contact", nullValue());

        // A decline keeps what was disclosed, also once the university withdraws the achievement.
        matches.publish(match.next(DECLINED));
        matches.awaitConsumed();
        AchievementApi.with(owner).post(AchievementApi.ACHIEVEMENTS + "/" + id + "/withdraw").then().statusCode(200);
        AchievementApi.read(introduced, id).statusCode(200).body("status", equalTo("WITHDRAWN"))
                .body("contact.phone", equalTo("028-85400000")).body("statusReason", nullValue());
        AchievementApi.read(bystander, id).statusCode(404);
    }

    @Test
    void lateContractsAndContractsOffTheMarketChangeNothing() {
        String withdrawn = AchievementApi.published(owner, AchievementApi.publishable("高效钙钛矿叠层电池（已撤回）"));
        AchievementApi.with(owner).post(AchievementApi.ACHIEVEMENTS + "/" + withdrawn + "/withdraw").then().statusCode(200);
        String declined = AchievementApi.published(owner, AchievementApi.publishable("高效钙钛矿叠层电池（已拒绝）"));
        Match offMarket = matchWith(withdrawn, AchievementApi.newOrg());
        Match late = matchWith(declined, AchievementApi.newOrg());

        matches.publish(offMarket.contracted(TRANSFER));
        // The decline at version 4 overtook the contract claimed at version 3.
        matches.publish(late.at(4, DECLINED), late.at(3, CONTRACTED, TRANSFER), late.at(4, DECLINED));
        matches.awaitConsumed();

        AchievementApi.read(owner, withdrawn).statusCode(200).body("status", equalTo("WITHDRAWN")).body("version", equalTo(2));
        AchievementApi.read(owner, declined).statusCode(200).body("status", equalTo("PUBLISHED")).body("version", equalTo(1));
    }

    @Test
    void aPoisonRecordIsDeadLetteredAndTheTransferAfterItStillApplies() {
        String id = AchievementApi.published(owner, AchievementApi.publishable("钙钛矿组件湿热老化加速测试方法"));
        Match match = matchWith(id, AchievementApi.newOrg());
        String key = match.id().toString();
        try (TopicProbe deadLetters = TopicProbe.open(AchievementApi.kafka(), Topics.ACHIEVEMENT_SERVICE_DLQ_SPEC.name())) {
            matches.publish(key, "{\"specversion\":\"1.0\",\"data\":");
            matches.publish(match.contracted(TRANSFER));
            matches.awaitConsumed();

            AchievementApi.read(owner, id).statusCode(200).body("status", equalTo("TRANSFERRED"));
            ConsumerRecord<String, String> dead = deadLetters.awaitRecord(r -> key.equals(r.key()), WAIT);
            assertEquals("{\"specversion\":\"1.0\",\"data\":", dead.value(), "dead letters keep the record as it was");
            assertEquals(Topics.MATCHES, new String(dead.headers().lastHeader(DeadLetterQueue.ORIGINAL_TOPIC).value(),
                    StandardCharsets.UTF_8));
        }
    }

    /** A match of the achievement with a demand of {@code enterprise}. */
    private Match matchWith(String achievementId, UUID enterprise) {
        return Match.between(UUID.randomUUID(), enterprise, UUID.fromString(achievementId), university);
    }
}

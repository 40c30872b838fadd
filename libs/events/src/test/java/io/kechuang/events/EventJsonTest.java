package io.kechuang.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.events.achievement.AchievementState;
import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.achievement.IpType;
import io.kechuang.events.achievement.MaturityStage;
import io.kechuang.events.achievement.PatentLegalStatus;
import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.events.taxonomy.Money;
import io.kechuang.events.taxonomy.TechnicalField;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    private static AchievementState sample() {
        return new AchievementState(UUID.randomUUID(), UUID.randomUUID(), AchievementStatus.PUBLISHED, 3,
                "一种钙钛矿光伏组件封装方法", "提高组件湿热稳定性", "详细描述", List.of("钙钛矿", "光伏"),
                TechnicalField.NEW_ENERGY, List.of("H01L31/048"), IpType.INVENTION_PATENT,
                List.of(new AchievementState.Patent("CN202310000001.X", PatentLegalStatus.GRANTED)), 6,
                MaturityStage.PILOT, Set.of(CooperationMode.LICENCE, CooperationMode.TRANSFER),
                new Money(new BigDecimal("1500000.00"), "CNY"), true, List.of("湿热1000小时衰减<5%"),
                List.of("光伏电站"), "510100", "zh", LocalDate.of(2027, 12, 31),
                OffsetDateTime.of(2026, 11, 1, 8, 0, 0, 0, ZoneOffset.ofHours(8)),
                OffsetDateTime.of(2026, 11, 2, 8, 0, 0, 0, ZoneOffset.UTC));
    }

    @Test
    void envelopeRoundTripsWithTypedPayload() {
        AchievementState state = sample();
        EventEnvelope<AchievementState> sent = EventEnvelope.of(EventTypes.ACHIEVEMENT_PUBLISHED,
                "/services/achievement-service", state.id().toString(), 3, state);

        String json = EventJson.write(sent);
        EventEnvelope<AchievementState> received = EventJson.read(json, AchievementState.class);

        assertEquals(sent, received);
        assertTrue(json.contains("\"specversion\":\"1.0\""), json);
        assertTrue(json.contains("\"aggregateVersion\":3"), json);
        assertTrue(json.contains("\"time\":\"20"), "time is ISO-8601 text: " + json);
        assertTrue(json.contains("钙钛矿"), "Chinese text is kept as is: " + json);
    }

    @Test
    void epochTravelsAsAnAttributeAndOldEventsReadAsEpochZero() {
        EventEnvelope<AchievementState> sent = EventEnvelope.of(EventTypes.ACHIEVEMENT_RESYNCED, "s", "x",
                new Revision(1_796_000_000L, 2), sample());
        String json = EventJson.write(sent);
        assertTrue(json.contains("\"epoch\":1796000000"), json);
        assertEquals(new Revision(1_796_000_000L, 2), EventJson.read(json, AchievementState.class).revision());

        String before = json.replace("\"epoch\":1796000000,", "");
        assertFalse(before.contains("epoch"), before);
        assertEquals(new Revision(0, 2), EventJson.read(before, AchievementState.class).revision());
    }

    @Test
    void aLaterEpochWinsWhateverTheVersion() {
        Revision lost = new Revision(0, 5);
        Revision resynced = new Revision(1_796_000_000L, 3);
        assertTrue(resynced.isNewerThan(lost), "the resync's state replaces the lost history");
        assertFalse(lost.isNewerThan(resynced));
        assertTrue(new Revision(1_796_000_000L, 4).isNewerThan(resynced), "within an epoch, versions decide");
        assertFalse(resynced.isNewerThan(new Revision(1_796_000_000L, 3)), "a duplicate is not newer");
        assertTrue(EventTypes.isRemoval(EventTypes.DEMAND_REMOVED));
        assertFalse(EventTypes.isRemoval(EventTypes.DEMAND_RESYNCED));
    }

    @Test
    void unknownFieldsAreIgnoredSoPayloadsCanGrow() {
        String json = EventJson.write(EventEnvelope.of("t", "s", "x", 1, sample()))
                .replace("\"specversion\"", "\"someFutureAttribute\":42,\"specversion\"");
        assertEquals(1, EventJson.read(json, AchievementState.class).aggregateVersion());
    }

    @Test
    void malformedJsonIsReportedAsMalformedEvent() {
        assertThrows(EventJson.MalformedEventException.class, () -> EventJson.read("{not json", AchievementState.class));
        assertThrows(EventJson.MalformedEventException.class,
                () -> EventJson.read("{\"type\":\"t\"}", AchievementState.class), "required attributes are checked");
    }

    @Test
    void nullFieldsAreLeftOut() {
        String json = EventJson.write(EventEnvelope.of("t", "s", "x", 1, (Object) null));
        assertFalse(json.contains("\"data\""), json);
    }

    @Test
    void deadLetterTopicIsNamedAfterConsumer() {
        assertEquals("matching.dlq", Topics.deadLetter("matching"));
        assertTrue(Topics.ACHIEVEMENTS_SPEC.compacted());
        assertTrue(Topics.MATCHES_SPEC.compacted(), "matches.v1 is the state log of every match");
        assertEquals("compact", Topics.MATCHES_SPEC.configs().get("cleanup.policy"));
        assertEquals("delete", Topics.MATCHING_DLQ_SPEC.configs().get("cleanup.policy"));
    }
}

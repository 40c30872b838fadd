package io.kechuang.matching.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.achievement.IpType;
import io.kechuang.events.achievement.MaturityStage;
import io.kechuang.events.demand.DemandStatus;
import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.events.taxonomy.TechnicalField;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/** The stored form of an item: what goes in comes out, and the status is stored by its name, as it was as a string. */
class ItemCodecTest {

    @Test
    void anAchievementReadsBackAsWritten() {
        Item item = Item.achievement(UUID.randomUUID(), UUID.randomUUID(), AchievementStatus.PUBLISHED).version(3)
                .title("光伏组件智能清洗机器人").text("轨道式无水清洗机器人").keywords(List.of("光伏", "清洗"))
                .field(TechnicalField.NEW_ENERGY).ipcCodes(List.of("B08B 1/00")).ipType(IpType.INVENTION_PATENT).trl(7)
                .stage(MaturityStage.PILOT).cooperationModes(Set.of(CooperationMode.LICENCE))
                .price(new BigDecimal("800000.00"), "CNY", true).region("510100").language("zh")
                .expiresOn(LocalDate.of(2027, 6, 30)).updatedAt(OffsetDateTime.parse("2026-11-20T09:30:00+08:00"))
                .build();
        assertEquals(item, ItemCodec.decode(new BytesRef(ItemCodec.encode(item))));
        assertTrue(item.active());
    }

    @Test
    void aDemandReadsBackAsWritten() {
        Item item = Item.demand(UUID.randomUUID(), UUID.randomUUID(), DemandStatus.IN_NEGOTIATION).minTrl(5)
                .title("动力电池热管理需求").budget(new BigDecimal("500000"), new BigDecimal("2000000"), "CNY").build();
        Item read = ItemCodec.decode(new BytesRef(ItemCodec.encode(item)));
        assertEquals(item, read);
        assertEquals(Item.Status.IN_NEGOTIATION, read.status());
        assertTrue(read.active(), "a demand in negotiation stays on the market, as the demand service lists it");
        assertFalse(Item.demand(UUID.randomUUID(), UUID.randomUUID(), DemandStatus.CLOSED).build().active());
    }

    @Test
    void theStatusIsStoredByNameWhereTheStringWas() {
        UUID id = UUID.randomUUID();
        byte[] stored = ItemCodec.encode(Item.demand(id, id, DemandStatus.OPEN).build());
        // format, kind, id, owner; then the status as a present string (flag 1, length, UTF-8); then the flags,
        // whose first bit says active
        int at = 1 + 1 + 16 + 16;
        assertEquals(1, stored[at]);
        assertEquals("OPEN".length(), stored[at + 1]);
        assertArrayEquals("OPEN".getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(stored, at + 2, at + 6));
        assertEquals(1, stored[at + 6] & 1);
    }
}

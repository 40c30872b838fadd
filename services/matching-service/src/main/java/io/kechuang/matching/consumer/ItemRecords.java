package io.kechuang.matching.consumer;

import io.kechuang.common.consumer.BoundedRetry;
import io.kechuang.events.EventEnvelope;
import io.kechuang.events.EventJson;
import io.kechuang.events.achievement.AchievementState;
import io.kechuang.events.demand.DemandState;
import io.kechuang.matching.index.Item;
import io.kechuang.matching.index.ItemMapper;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Decodes a record of the achievement or demand topic into the item it carries. */
final class ItemRecords {

    private ItemRecords() {
    }

    /** The item, or empty for a tombstone. An envelope without data is a permanent failure (dead letter). */
    static Optional<Item> decode(ConsumerRecord<byte[], byte[]> record, String achievementsTopic) {
        if (record.value() == null) {
            return Optional.empty();
        }
        String json = new String(record.value(), StandardCharsets.UTF_8);
        if (record.topic().equals(achievementsTopic)) {
            EventEnvelope<AchievementState> e = EventJson.read(json, AchievementState.class);
            return Optional.of(ItemMapper.fromAchievement(requireData(e)));
        }
        EventEnvelope<DemandState> e = EventJson.read(json, DemandState.class);
        return Optional.of(ItemMapper.fromDemand(requireData(e)));
    }

    private static <T> T requireData(EventEnvelope<T> envelope) {
        if (envelope.data() == null) {
            throw new BoundedRetry.PermanentFailure("event " + envelope.id() + " carries no data", null);
        }
        return envelope.data();
    }
}

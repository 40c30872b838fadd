package io.kechuang.matching.consumer;

import io.kechuang.common.consumer.BoundedRetry;
import io.kechuang.events.EventEnvelope;
import io.kechuang.events.EventJson;
import io.kechuang.events.EventTypes;
import io.kechuang.events.achievement.AchievementState;
import io.kechuang.events.demand.DemandState;
import io.kechuang.matching.index.Item;
import io.kechuang.matching.index.ItemMapper;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Decodes a record of the achievement or demand topic into what it says about its item. */
final class ItemRecords {

    private ItemRecords() {
    }

    /**
     * The item's new state or its removal, at the envelope's revision; empty for a Kafka tombstone (a record without
     * a value). An envelope without data is a permanent failure (dead letter), unless its type is a removal.
     */
    static Optional<ItemEvent> decode(ConsumerRecord<byte[], byte[]> record, String achievementsTopic) {
        if (record.value() == null) {
            return Optional.empty();
        }
        String json = new String(record.value(), StandardCharsets.UTF_8);
        if (record.topic().equals(achievementsTopic)) {
            EventEnvelope<AchievementState> e = EventJson.read(json, AchievementState.class);
            return Optional.of(EventTypes.isRemoval(e.type()) ? removal(Item.Kind.ACHIEVEMENT, e)
                    : new ItemEvent(Item.Kind.ACHIEVEMENT, requireData(e).id(), e.revision(),
                            ItemMapper.fromAchievement(e.data())));
        }
        EventEnvelope<DemandState> e = EventJson.read(json, DemandState.class);
        return Optional.of(EventTypes.isRemoval(e.type()) ? removal(Item.Kind.DEMAND, e)
                : new ItemEvent(Item.Kind.DEMAND, requireData(e).id(), e.revision(), ItemMapper.fromDemand(e.data())));
    }

    private static ItemEvent removal(Item.Kind kind, EventEnvelope<?> envelope) {
        try {
            return new ItemEvent(kind, UUID.fromString(envelope.subject()), envelope.revision(), null);
        } catch (IllegalArgumentException e) {
            throw new BoundedRetry.PermanentFailure("removal " + envelope.id() + " names no item: " + envelope.subject(), e);
        }
    }

    private static <T> T requireData(EventEnvelope<T> envelope) {
        if (envelope.data() == null) {
            throw new BoundedRetry.PermanentFailure("event " + envelope.id() + " carries no data", null);
        }
        return envelope.data();
    }
}

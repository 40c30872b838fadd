package io.kechuang.matching;

import io.kechuang.events.EventEnvelope;
import io.kechuang.events.EventJson;
import io.kechuang.events.EventTypes;
import io.kechuang.events.Revision;
import io.kechuang.events.Topics;
import io.kechuang.events.achievement.AchievementState;
import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.achievement.IpType;
import io.kechuang.events.achievement.MaturityStage;
import io.kechuang.events.demand.Budget;
import io.kechuang.events.demand.DemandState;
import io.kechuang.events.demand.DemandStatus;
import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.events.taxonomy.Money;
import io.kechuang.events.taxonomy.TechnicalField;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes achievement and demand events the way their services do, for tests of the consumer side. */
public final class Events implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final String achievementsTopic;
    private final String demandsTopic;

    public Events(String bootstrapServers) {
        this(bootstrapServers, Topics.ACHIEVEMENTS, Topics.DEMANDS);
    }

    public Events(String bootstrapServers, String achievementsTopic, String demandsTopic) {
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
        this.achievementsTopic = achievementsTopic;
        this.demandsTopic = demandsTopic;
    }

    public static AchievementState achievement(UUID id, UUID owner, long version, AchievementStatus status, String title,
            String summary, List<String> keywords) {
        return new AchievementState(id, owner, status, version, title, summary, null, keywords,
                TechnicalField.NEW_ENERGY, List.of("B08B1/00"), IpType.INVENTION_PATENT, List.of(), 7,
                MaturityStage.SMALL_BATCH, Set.of(CooperationMode.LICENCE, CooperationMode.TRANSFER),
                new Money(new BigDecimal("600000"), "CNY"), true, List.of("清洗后发电效率提升8%"), List.of("光伏电站运维"),
                "510100", "zh", LocalDate.now().plusYears(1), OffsetDateTime.now(), OffsetDateTime.now());
    }

    public static DemandState demand(UUID id, UUID owner, long version, DemandStatus status, String title,
            String problem, List<String> keywords) {
        return new DemandState(id, owner, status, version, title, problem, List.of("节水50%以上", "适应大面积阵列"), keywords,
                TechnicalField.NEW_ENERGY, List.of(), new Budget(new BigDecimal("300000"), new BigDecimal("1000000"), "CNY"),
                LocalDate.now().plusMonths(6), Set.of(CooperationMode.LICENCE), 5, "510100", "zh", null,
                OffsetDateTime.now(), OffsetDateTime.now());
    }

    /** An achievement whose only text is the given topic: fixtures built this way pair with nothing else. */
    public static AchievementState bareAchievement(UUID id, UUID owner, long version, AchievementStatus status, String topic) {
        return bareAchievement(id, owner, version, status, topic, TechnicalField.NEW_ENERGY);
    }

    public static AchievementState bareAchievement(UUID id, UUID owner, long version, AchievementStatus status, String topic,
            TechnicalField field) {
        AchievementState a = achievement(id, owner, version, status, topic, topic, List.of(topic));
        return new AchievementState(a.id(), a.ownerOrgId(), a.status(), a.version(), a.title(), a.summary(), null,
                a.keywords(), field, List.of(), a.ipType(), List.of(), a.trl(), a.stage(), a.cooperationModes(),
                a.askingPrice(), a.priceNegotiable(), List.of(), List.of(), a.region(), a.language(), a.expiresOn(),
                a.publishedAt(), a.updatedAt());
    }

    /** A demand whose only text is "征集：" and the topic. */
    public static DemandState bareDemand(UUID id, UUID owner, long version, DemandStatus status, String topic) {
        return bareDemand(id, owner, version, status, topic, TechnicalField.NEW_ENERGY);
    }

    public static DemandState bareDemand(UUID id, UUID owner, long version, DemandStatus status, String topic,
            TechnicalField field) {
        DemandState d = demand(id, owner, version, status, "征集：" + topic, topic, List.of(topic));
        return new DemandState(d.id(), d.ownerOrgId(), d.status(), d.version(), d.title(), d.problemStatement(), List.of(),
                d.keywords(), field, List.of(), d.budget(), d.deadline(), d.cooperationModes(), d.minTrl(),
                d.region(), d.language(), d.closeReason(), d.openedAt(), d.updatedAt());
    }

    public RecordMetadata publish(AchievementState a) {
        return publish(a, EventTypes.ACHIEVEMENT_PUBLISHED, 0);
    }

    public RecordMetadata publish(DemandState d) {
        return publish(d, EventTypes.DEMAND_OPENED, 0);
    }

    /** An achievement event of {@code type} in the producer's {@code epoch}, at the state's version. */
    public RecordMetadata publish(AchievementState a, String type, long epoch) {
        return send(achievementsTopic, a.id().toString(), EventJson.write(EventEnvelope.of(type, "/tests",
                a.id().toString(), new Revision(epoch, a.version()), a)));
    }

    public RecordMetadata publish(DemandState d, String type, long epoch) {
        return send(demandsTopic, d.id().toString(), EventJson.write(EventEnvelope.of(type, "/tests",
                d.id().toString(), new Revision(epoch, d.version()), d)));
    }

    /** {@link #publish(AchievementState)} without waiting for the broker's answer: a bulk import's burst. */
    public Future<RecordMetadata> publishAsync(AchievementState a) {
        return producer.send(new ProducerRecord<>(achievementsTopic, a.id().toString(), EventJson.write(
                EventEnvelope.of(EventTypes.ACHIEVEMENT_PUBLISHED, "/tests", a.id().toString(), new Revision(0,
                        a.version()), a))));
    }

    /** What a resync republishes for an achievement its service still has. */
    public RecordMetadata resync(AchievementState a, long epoch) {
        return publish(a, EventTypes.ACHIEVEMENT_RESYNCED, epoch);
    }

    public RecordMetadata resync(DemandState d, long epoch) {
        return publish(d, EventTypes.DEMAND_RESYNCED, epoch);
    }

    /** What a resync publishes for an achievement its service no longer has on the market: no data. */
    public RecordMetadata removeAchievement(UUID id, long version, long epoch) {
        return send(achievementsTopic, id.toString(), EventJson.write(EventEnvelope.<AchievementState>of(
                EventTypes.ACHIEVEMENT_REMOVED, "/tests", id.toString(), new Revision(epoch, version), null)));
    }

    public RecordMetadata removeDemand(UUID id, long version, long epoch) {
        return send(demandsTopic, id.toString(), EventJson.write(EventEnvelope.<DemandState>of(
                EventTypes.DEMAND_REMOVED, "/tests", id.toString(), new Revision(epoch, version), null)));
    }

    public RecordMetadata send(String topic, String key, String value) {
        try {
            return producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}

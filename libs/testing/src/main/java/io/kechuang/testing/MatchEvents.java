package io.kechuang.testing;

import io.kechuang.events.EventEnvelope;
import io.kechuang.events.EventJson;
import io.kechuang.events.EventTypes;
import io.kechuang.events.Topics;
import io.kechuang.events.match.MatchState;
import io.kechuang.events.match.MatchStatus;
import io.kechuang.events.taxonomy.CooperationMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes match events on {@code matches.v1} as the matching service's outbox relay does (keyed by match id, a
 * structured CloudEvents envelope carrying a {@link MatchState}), for tests of the services that consume them, and
 * waits until a consumer group has committed past everything published: the consumer's side effects are then
 * durable and visible.
 *
 * <pre>{@code
 * try (MatchEvents matches = MatchEvents.open(bootstrap, "demand-service-matches")) {
 *     MatchEvents.Match match = MatchEvents.Match.between(demand, enterprise, achievement, university);
 *     matches.publish(match.next(MatchStatus.SUGGESTED), match.assign("broker-li", brokerage).next(MatchStatus.INTRODUCED));
 *     matches.awaitConsumed();
 * }
 * }</pre>
 */
public final class MatchEvents implements AutoCloseable {

    private static final String SOURCE = "/services/matching-service";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final KafkaProducer<String, String> producer;
    private final Admin admin;
    private final String consumerGroup;
    /** The offset of the last record published, per partition. */
    private final Map<TopicPartition, Long> published = new HashMap<>();

    private MatchEvents(String bootstrapServers, String consumerGroup) {
        this.consumerGroup = consumerGroup;
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** @param consumerGroup the group of the consumer under test, whose progress {@link #awaitConsumed} watches */
    public static MatchEvents open(String bootstrapServers, String consumerGroup) {
        return new MatchEvents(bootstrapServers, consumerGroup);
    }

    /** Publishes each state, in order, in an envelope whose {@code aggregateVersion} is the state's version. */
    public void publish(MatchState... states) {
        for (MatchState state : states) {
            publish(state);
        }
    }

    private void publish(MatchState state) {
        String type = state.status() == MatchStatus.SUGGESTED ? EventTypes.MATCH_SUGGESTED
                : EventTypes.MATCH_STATUS_CHANGED;
        publish(state.id().toString(), EventJson.write(EventEnvelope.of(type, SOURCE, state.id().toString(),
                state.version(), state)));
    }

    /** Publishes any value, such as a record that is not an event at all. */
    public void publish(String key, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.MATCHES, key, value);
        record.headers().add("content-type", EventEnvelope.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        try {
            RecordMetadata sent = producer.send(record).get(30, TimeUnit.SECONDS);
            published.merge(new TopicPartition(sent.topic(), sent.partition()), sent.offset(), Math::max);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + Topics.MATCHES, e);
        }
    }

    /** Waits up to 20 seconds until the consumer group has committed past every record published so far. */
    public void awaitConsumed() {
        awaitConsumed(WAIT);
    }

    /**
     * Waits until the consumer group has committed an offset past every record published so far.
     *
     * @throws AssertionError if it has not within {@code timeout}
     */
    public void awaitConsumed(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, OffsetAndMetadata> committed = Map.of();
        while (System.nanoTime() < deadline) {
            try {
                committed = admin.listConsumerGroupOffsets(consumerGroup).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                committed = Map.of();
            }
            if (consumedAll(committed)) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        throw new AssertionError("group " + consumerGroup + " has not consumed " + published + " within " + timeout
                + "; committed: " + committed);
    }

    private boolean consumedAll(Map<TopicPartition, OffsetAndMetadata> committed) {
        for (Map.Entry<TopicPartition, Long> last : published.entrySet()) {
            OffsetAndMetadata offset = committed.get(last.getKey());
            if (offset == null || offset.offset() <= last.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }

    /**
     * One match between a demand and an achievement, moved through its states one version at a time as the matching
     * service moves it. It carries no contact data, like the real events.
     */
    public static final class Match {

        private final UUID id = UUID.randomUUID();
        private final UUID demandId;
        private final UUID demandOwner;
        private final UUID achievementId;
        private final UUID achievementOwner;
        private long version;
        private String brokerSubject;
        private UUID brokerOrg;

        private Match(UUID demandId, UUID demandOwner, UUID achievementId, UUID achievementOwner) {
            this.demandId = demandId;
            this.demandOwner = demandOwner;
            this.achievementId = achievementId;
            this.achievementOwner = achievementOwner;
        }

        public static Match between(UUID demandId, UUID demandOwner, UUID achievementId, UUID achievementOwner) {
            return new Match(demandId, demandOwner, achievementId, achievementOwner);
        }

        public UUID id() {
            return id;
        }

        /** From the next state on, the match names this broker. */
        public Match assign(String subject, UUID org) {
            brokerSubject = subject;
            brokerOrg = org;
            return this;
        }

        /** The next version, in {@code status}. */
        public MatchState next(MatchStatus status) {
            return at(++version, status);
        }

        /** The next version: CONTRACTED, with a contract of {@code mode}. */
        public MatchState contracted(CooperationMode mode) {
            return at(++version, MatchStatus.CONTRACTED, mode);
        }

        /** A state at a version of the caller's choosing, e.g. a late or repeated one; the match itself stays put. */
        public MatchState at(long atVersion, MatchStatus status) {
            return at(atVersion, status, null);
        }

        /** The same, for a contract of {@code contractMode}. */
        public MatchState at(long atVersion, MatchStatus status, CooperationMode contractMode) {
            return new MatchState(id, demandId, achievementId, demandOwner, achievementOwner, status, 0.82, atVersion,
                    OffsetDateTime.now(ZoneOffset.UTC), brokerSubject, brokerOrg, contractMode);
        }
    }
}

package io.kechuang.listing.match;

import io.kechuang.common.consumer.BoundedRetry;
import io.kechuang.common.consumer.ConsumerLiveness;
import io.kechuang.common.consumer.ConsumerLoop;
import io.kechuang.common.consumer.DeadLetterQueue;
import io.kechuang.common.consumer.GroupOffsets;
import io.kechuang.common.deadletter.DeadLetterReplayer;
import io.kechuang.common.kafka.KafkaSettings;
import io.kechuang.common.kafka.TopicReplay;
import io.kechuang.events.EventEnvelope;
import io.kechuang.events.EventJson;
import io.kechuang.events.Topics;
import io.kechuang.events.match.MatchState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Consumes {@code matches.v1} in a service that has a {@link MatchReaction}, in the consumer group
 * {@code <service>-matches}: each event is decoded, then recorded and reacted to in one transaction
 * ({@link MatchLinks#apply}) if it is newer than what the service holds. A record that is not a complete match event
 * goes straight to {@code <service>.dlq}; one whose processing keeps failing goes there after bounded retries. While
 * the service's database cannot be reached, records wait for it instead ({@link BoundedRetry}).
 * Starts after topic provisioning, and waits in the background for the matching service to create the topic.
 * <p>
 * It is also the service's {@link DeadLetterReplayer}: an admin's replay of a dead letter runs through the same
 * {@link #handle} on the caller's thread (the effects are in the service's database, so one replica applying it is
 * enough; concurrent with the group member, {@link MatchLinks#apply}'s version check keeps it to one effect).
 */
@ApplicationScoped
public class MatchEventsConsumer implements DeadLetterReplayer {

    private static final Logger LOG = Logger.getLogger(MatchEventsConsumer.class);

    @Inject
    Instance<MatchReaction> reactions;

    @Inject
    MatchEventsConfig config;

    @Inject
    MatchLinks links;

    @Inject
    KafkaSettings kafka;

    @Inject
    MeterRegistry metrics;

    @Inject
    ConsumerLiveness liveness;

    @ConfigProperty(name = "quarkus.application.name", defaultValue = "kechuang")
    String applicationName;

    private DeadLetterQueue deadLetters;
    private ConsumerLoop consumer;

    void start(@Observes @Priority(30) StartupEvent event) {
        if (reactions.isAmbiguous()) {
            throw new IllegalStateException("More than one MatchReaction: a service reacts to matches in one place");
        }
        if (!reactions.isResolvable() || !config.enabled()) {
            return;
        }
        MatchReaction reaction = reactions.get();
        deadLetters = new DeadLetterQueue(config.deadLetterTopic(),
                kafka.idempotentProducer(applicationName + "-matches-dlq"));
        BoundedRetry retry = new BoundedRetry(config.maxAttempts(), config.initialBackoff(), config.maxBackoff(),
                deadLetters);
        consumer = new ConsumerLoop(kafka.consumer(), ConsumerLoop.Settings.of(clientId(),
                config.pollTimeout()).withStallBackoff(config.stallBackoff()),
                new GroupOffsets(config.group(), List.of(Topics.MATCHES)), retry, record -> handle(record, reaction));
        FunctionCounter.builder("kechuang.match_events.processed", consumer, ConsumerLoop::processed)
                .description("Records of matches.v1 handled, dead letters included").register(metrics);
        FunctionCounter.builder("kechuang.match_events.dead_lettered", consumer, ConsumerLoop::deadLettered)
                .description("Records of matches.v1 sent to the dead-letter topic").register(metrics);
        FunctionCounter.builder("kechuang.match_events.restarts", consumer, ConsumerLoop::restarts)
                .description("Restarts of the matches.v1 consumer after it failed").register(metrics);
        liveness.watch(consumer);
        consumer.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (consumer == null) {
            return;
        }
        try {
            consumer.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deadLetters.close();
    }

    /**
     * Applies {@code matches.v1} again from its beginning, outside the consumer group, for a service whose database
     * was rolled back (a crash that lost commits, a restore from a backup): the group's committed offsets are past
     * events whose effects the database no longer has. Applying is idempotent by match version, so what the database
     * still holds is skipped and the rest is recorded and reacted to, in order. Records that cannot be applied are
     * counted and left to the dead-letter topic, where the group consumer sent them the first time.
     *
     * @return how many events changed something; 0 when the service does not react to matches
     */
    public long replayAll(Duration timeout) {
        if (!reactions.isResolvable() || !config.enabled()) {
            return 0;
        }
        MatchReaction reaction = reactions.get();
        long[] applied = {0};
        TopicReplay.read(kafka.consumer(), Topics.MATCHES, applicationName + "-matches-replay", timeout, record -> {
            try {
                if (record.value() != null && apply(record, reaction)) {
                    applied[0]++;
                }
            } catch (RuntimeException e) {
                LOG.warnf("Replay of %s-%d@%d skipped: %s", record.topic(), record.partition(), record.offset(),
                        e.toString());
            }
        });
        return applied[0];
    }

    @Override
    public String topic() {
        return config.deadLetterTopic();
    }

    @Override
    public String consumerOf(String originalTopic) {
        return clientId();
    }

    @Override
    public void replay(String consumer, ConsumerRecord<byte[], byte[]> original) {
        if (!consumer.equals(clientId()) || !Topics.MATCHES.equals(original.topic())) {
            throw new IllegalArgumentException("This service's only consumer is " + clientId() + " on "
                    + Topics.MATCHES + ", not " + consumer + " on " + original.topic());
        }
        if (!reactions.isResolvable()) {
            throw new IllegalStateException("This service does not react to matches");
        }
        handle(original, reactions.get());
    }

    /** The consumer's client id, also the name its dead letters carry. */
    private String clientId() {
        return applicationName + "-matches";
    }

    private void handle(ConsumerRecord<byte[], byte[]> record, MatchReaction reaction) {
        if (record.value() == null) {
            LOG.debugf("Skipping an empty record at %s-%d@%d", record.topic(), record.partition(), record.offset());
            return;
        }
        apply(record, reaction);
    }

    private boolean apply(ConsumerRecord<byte[], byte[]> record, MatchReaction reaction) {
        EventEnvelope<MatchState> envelope = EventJson.read(new String(record.value(), StandardCharsets.UTF_8),
                MatchState.class);
        requireComplete(envelope);
        return links.apply(envelope, reaction);
    }

    /** A match event this service can act on names the match, both listings, both owners and a status. */
    private static void requireComplete(EventEnvelope<MatchState> envelope) {
        MatchState m = envelope.data();
        if (m == null || m.id() == null || m.demandId() == null || m.achievementId() == null
                || m.demandOwnerOrgId() == null || m.achievementOwnerOrgId() == null || m.status() == null) {
            throw new BoundedRetry.PermanentFailure("event " + envelope.id() + " is not a complete match state", null);
        }
    }
}

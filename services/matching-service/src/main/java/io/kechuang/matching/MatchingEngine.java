package io.kechuang.matching;

import io.kechuang.common.consumer.BoundedRetry;
import io.kechuang.common.consumer.ConsumerLiveness;
import io.kechuang.common.consumer.DeadLetterQueue;
import io.kechuang.common.kafka.KafkaSettings;
import io.kechuang.events.Topics;
import io.kechuang.matching.consumer.IndexingConsumer;
import io.kechuang.matching.consumer.ItemListener;
import io.kechuang.matching.consumer.MatchGroupConsumer;
import io.kechuang.matching.deadletter.IndexReplays;
import io.kechuang.matching.directory.Directory;
import io.kechuang.matching.directory.IdentityConsumer;
import io.kechuang.matching.index.Item;
import io.kechuang.matching.index.MatchIndex;
import io.kechuang.matching.suggestion.SuggestionService;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.jboss.logging.Logger;

/**
 * Runs the matching: at start-up (once the topics exist) starts the {@link IndexingConsumer} on the wired
 * {@link MatchIndex}, which rebuilds the index from the topics when it is new, and hands each indexed item to the
 * {@link SuggestionService}; on shutdown stops the consumers, which commit the index with the offsets they consumed.
 * With {@code kechuang.matching.match-group} set, a {@link MatchGroupConsumer} computes the matches instead. The
 * {@link IdentityConsumer} keeps the {@link Directory} from {@code identity.v1} in its own group. The
 * index itself, the finder and the search are made and closed by {@link MatchingWiring}.
 */
@ApplicationScoped
public class MatchingEngine {

    private static final Logger LOG = Logger.getLogger(MatchingEngine.class);

    @Inject
    MatchingConfig config;

    @Inject
    KafkaSettings kafka;

    @Inject
    MeterRegistry metrics;

    @Inject
    ConsumerLiveness liveness;

    @Inject
    SuggestionService suggestions;

    @Inject
    MatchIndex index;

    @Inject
    Directory directory;

    private DeadLetterQueue deadLetters;
    private IdentityConsumer identity;
    private IndexingConsumer consumer;
    private MatchGroupConsumer matchGroup;
    /** Hands the admins' replays of the indexer's dead letters to this replica's index. */
    private IndexReplays replays;
    /** Shared by both consumers; stopping it ends any wait for the database or Kafka to come back. */
    private BoundedRetry retry;

    void start(@Observes @Priority(30) StartupEvent event) {
        deadLetters = new DeadLetterQueue(Topics.MATCHING_DLQ_SPEC.name(), kafka.idempotentProducer("matching-dlq"));
        Map<String, Object> consumerConfig = new HashMap<>(kafka.consumer());
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        ItemListener matcher = new ItemListener() {
            @Override
            public void indexed(Item item) {
                suggestions.onIndexed(item);
            }

            @Override
            public void removed(Item.Kind kind, UUID id) {
                suggestions.onRemoved(kind, id);
            }
        };
        retry = new BoundedRetry(config.maxAttempts(), config.retryBackoff(), deadLetters);
        identity = new IdentityConsumer(kafka.consumer(), directory, retry, new IdentityConsumer.Settings(
                Topics.IDENTITY, config.identityGroup(), config.pollTimeout(), "matching-identity"));
        liveness.watch(identity.loop());
        identity.start();
        FunctionCounter.builder("kechuang.matching.identity.restarts", identity, IdentityConsumer::restarts)
                .description("Restarts of the identity directory's consumer after it failed").register(metrics);
        // Scaled out, the group matches and the indexer only indexes; alone, the indexer matches as it goes.
        consumer = new IndexingConsumer(consumerConfig, index, config.matchGroup().isPresent() ? null : matcher, retry,
                new IndexingConsumer.Settings(config.achievementsTopic(), config.demandsTopic(), config.pollTimeout(),
                        config.commitInterval(), "matching-indexer"));
        consumer.loops().forEach(liveness::watch);
        consumer.start();
        replays = new IndexReplays(consumerConfig, Topics.MATCHING_REPLAY, consumer, retry, config.pollTimeout());
        liveness.watch(replays.loop());
        replays.start();
        if (config.matchGroup().isPresent()) {
            String group = config.matchGroup().get();
            LOG.infof("Scale-out: matches are computed in consumer group %s", group);
            matchGroup = new MatchGroupConsumer(kafka.consumer(), index, consumer, matcher, retry,
                    new MatchGroupConsumer.Settings(config.achievementsTopic(), config.demandsTopic(), group,
                            config.pollTimeout(), config.indexWait(), "matching-group"));
            matchGroup.loops().forEach(liveness::watch);
            FunctionCounter.builder("kechuang.matching.group.restarts", matchGroup, MatchGroupConsumer::restarts)
                    .description("Restarts of the match group's consumer after it failed").register(metrics);
            matchGroup.start();
        }
        Gauge.builder("kechuang.matching.consumer.lag", consumer, IndexingConsumer::lag).register(metrics);
        Gauge.builder("kechuang.matching.dead.letters", consumer, IndexingConsumer::deadLettered).register(metrics);
        FunctionCounter.builder("kechuang.matching.consumer.restarts", consumer, IndexingConsumer::restarts)
                .description("Restarts of the indexing consumer after it failed").register(metrics);
    }

    void stop(@Observes ShutdownEvent event) {
        try {
            if (retry != null) {
                retry.stop();
            }
            if (matchGroup != null) {
                matchGroup.close();
            }
            if (identity != null) {
                identity.close();
            }
            if (replays != null) {
                replays.close();
            }
            if (consumer != null) {
                consumer.close();
            }
            if (deadLetters != null) {
                deadLetters.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public IndexingConsumer consumer() {
        return consumer;
    }

    /** The consumer of {@code identity.v1} that keeps the directory. */
    public IdentityConsumer identity() {
        return identity;
    }

    /** The scale-out group member, or {@code null} when this replica matches inline. */
    public MatchGroupConsumer matchGroup() {
        return matchGroup;
    }
}

package io.kechuang.matching.suggestion;

import io.kechuang.common.consumer.BoundedRetry;
import io.kechuang.common.consumer.ConsumerLiveness;
import io.kechuang.common.consumer.DeadLetterQueue;
import io.kechuang.common.kafka.KafkaSettings;
import io.kechuang.events.Topics;
import io.kechuang.matching.MatchingConfig;
import io.kechuang.matching.consumer.IndexingConsumer;
import io.kechuang.matching.consumer.ItemListener;
import io.kechuang.matching.consumer.MatchGroupConsumer;
import io.kechuang.matching.embedding.BgeSmallZh;
import io.kechuang.matching.embedding.ItemEmbeddings;
import io.kechuang.matching.embedding.PgEmbeddingCache;
import io.kechuang.matching.embedding.QueryEmbeddings;
import io.kechuang.matching.index.Item;
import io.kechuang.matching.index.ItemVectors;
import io.kechuang.matching.index.MatchIndex;
import io.kechuang.matching.scoring.MatchFinder;
import io.kechuang.matching.scoring.ScoringConfig;
import io.kechuang.matching.search.SearchEngine;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.jboss.logging.Logger;

/**
 * Owns the index, the matcher and the indexing consumer for the lifetime of the service: opens the index at
 * start-up (rebuilding it from the topics when it is new), starts the consumer once the topics exist, and on
 * shutdown stops the consumer, which commits the index with the offsets it consumed. With
 * {@code kechuang.matching.match-group} set, a {@link MatchGroupConsumer} computes the matches instead.
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
    Instance<SuggestionService> suggestions;

    @Inject
    DataSource dataSource;

    private BgeSmallZh model;
    private ItemEmbeddings itemEmbeddings;
    private QueryEmbeddings queryEmbeddings;
    private MatchIndex index;
    private MatchFinder finder;
    private SearchEngine search;
    private DeadLetterQueue deadLetters;
    private IndexingConsumer consumer;
    private MatchGroupConsumer matchGroup;
    /** Shared by both consumers; stopping it ends any wait for the database or Kafka to come back. */
    private BoundedRetry retry;

    void start(@Observes @Priority(30) StartupEvent event) throws IOException {
        // First, so that an invalid weights file stops the start before anything else is loaded.
        ScoringConfig scoring = config.scoringConfig();
        config.scoring().weightsFile().ifPresent(file -> LOG.infof("Scoring weights from %s: lexical %s, hybrid %s",
                file.toAbsolutePath(), scoring.lexical(), scoring.hybrid()));
        MatchingConfig.Embeddings embeddings = config.embeddings();
        ItemVectors vectors = ItemVectors.NONE;
        SearchEngine.QueryVectors queries = SearchEngine.QueryVectors.NONE;
        if (embeddings.enabled()) {
            long loading = System.nanoTime();
            model = new BgeSmallZh(embeddings.indexThreads());
            itemEmbeddings = new ItemEmbeddings(model, new PgEmbeddingCache(dataSource, model.model()));
            queryEmbeddings = new QueryEmbeddings(model, embeddings.queryThreads(), embeddings.queryQueue(),
                    embeddings.queryCacheSize(), embeddings.queryTimeout());
            vectors = itemEmbeddings;
            queries = queryEmbeddings::embed;
            LOG.infof("Embedding model %s loaded in %d ms: matching and search are hybrid", model.model(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - loading));
            FunctionCounter.builder("kechuang.matching.embeddings.computed", itemEmbeddings, ItemEmbeddings::cacheMisses)
                    .description("listing texts embedded by the model").register(metrics);
            FunctionCounter.builder("kechuang.matching.embeddings.cached", itemEmbeddings, ItemEmbeddings::cacheHits)
                    .description("listing vectors read from the embedding cache").register(metrics);
            FunctionCounter.builder("kechuang.matching.search.lexical.fallbacks", queryEmbeddings,
                    QueryEmbeddings::fallbacks).description("searches run lexical only: no query vector in time")
                    .register(metrics);
        }
        index = MatchIndex.open(config.indexDir(), vectors);
        finder = new MatchFinder(index.searchers(), index.analyzer(), scoring, vectors);
        search = new SearchEngine(index.searchers(), index.analyzer(), queries);
        LOG.infof("Matching index at %s: %d documents%s", config.indexDir().toAbsolutePath(), index.numDocs(),
                index.created() ? " (new: rebuilding from the topics)" : "");
        deadLetters = new DeadLetterQueue(Topics.MATCHING_DLQ_SPEC.name(), kafka.idempotentProducer("matching-dlq"));
        Map<String, Object> consumerConfig = new HashMap<>(kafka.consumer());
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        ItemListener matcher = new ItemListener() {
            @Override
            public void indexed(Item item) {
                suggestions.get().onIndexed(item);
            }

            @Override
            public void removed(Item.Kind kind, UUID id) {
                suggestions.get().onRemoved(kind, id);
            }
        };
        retry = new BoundedRetry(config.maxAttempts(), config.retryBackoff(), deadLetters);
        // Scaled out, the group matches and the indexer only indexes; alone, the indexer matches as it goes.
        consumer = new IndexingConsumer(consumerConfig, index, config.matchGroup().isPresent() ? null : matcher, retry,
                new IndexingConsumer.Settings(Topics.ACHIEVEMENTS, Topics.DEMANDS, config.pollTimeout(),
                        config.commitInterval(), "matching-indexer"));
        liveness.watch(consumer.loop());
        consumer.start();
        if (config.matchGroup().isPresent()) {
            String group = config.matchGroup().get();
            LOG.infof("Scale-out: matches are computed in consumer group %s", group);
            matchGroup = new MatchGroupConsumer(kafka.consumer(), index, consumer, matcher, retry,
                    new MatchGroupConsumer.Settings(Topics.ACHIEVEMENTS, Topics.DEMANDS, group, config.pollTimeout(),
                            config.indexWait(), "matching-group"));
            liveness.watch(matchGroup.loop());
            FunctionCounter.builder("kechuang.matching.group.restarts", matchGroup, MatchGroupConsumer::restarts)
                    .description("Restarts of the match group's consumer after it failed").register(metrics);
            matchGroup.start();
        }
        Gauge.builder("kechuang.matching.index.documents", index, MatchIndex::numDocs).register(metrics);
        Gauge.builder("kechuang.matching.index.bytes", index, MatchIndex::sizeOnDisk).register(metrics);
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
            if (consumer != null) {
                consumer.close();
            }
            if (deadLetters != null) {
                deadLetters.close();
            }
            if (index != null) {
                index.close();
            }
            if (queryEmbeddings != null) {
                queryEmbeddings.close();
            }
            if (model != null) {
                model.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public MatchIndex index() {
        return index;
    }

    public MatchFinder finder() {
        return finder;
    }

    public SearchEngine search() {
        return search;
    }

    /** The embedding model behind the index, or {@code null} when embeddings are off. */
    public BgeSmallZh model() {
        return model;
    }

    /** The listings' embeddings (cache, then model), or {@code null} when embeddings are off. */
    public ItemEmbeddings itemEmbeddings() {
        return itemEmbeddings;
    }

    public IndexingConsumer consumer() {
        return consumer;
    }

    /** The scale-out group member, or {@code null} when this replica matches inline. */
    public MatchGroupConsumer matchGroup() {
        return matchGroup;
    }
}

package io.kechuang.matching;

import io.kechuang.matching.embedding.BgeSmallZh;
import io.kechuang.matching.embedding.Embeddings;
import io.kechuang.matching.embedding.ItemEmbeddings;
import io.kechuang.matching.embedding.PgEmbeddingCache;
import io.kechuang.matching.embedding.QueryEmbeddings;
import io.kechuang.matching.index.MatchIndex;
import io.kechuang.matching.scoring.MatchFinder;
import io.kechuang.matching.scoring.ScoringConfig;
import io.kechuang.matching.search.SearchEngine;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The one place where the matching service builds its long-lived parts from {@link MatchingConfig}: the scoring
 * configuration, the embedding model, the {@link MatchIndex}, the {@link MatchFinder} and the {@link SearchEngine}.
 * Those are plain Java (the benchmark builds them itself); here they become singletons that the resources, the
 * suggestion service, the consumers' {@link MatchingEngine} and the readiness check inject directly. All of them
 * are made at start-up, the weights file first, and the index and the model are closed when the application stops,
 * after {@link MatchingEngine} has stopped the consumers (which commit the index with the offsets they consumed).
 * The index is opened once per start: a new or outdated one ({@link MatchIndex#created()}) is rebuilt from the
 * topics by the indexing consumer.
 */
@ApplicationScoped
public class MatchingWiring {

    private static final Logger LOG = Logger.getLogger(MatchingWiring.class);

    /** Before the model and the index load, so that an invalid weights file stops the start at once. */
    private static final int WEIGHTS_FIRST = 25;

    @Produces
    @Singleton
    @Startup(WEIGHTS_FIRST)
    ScoringConfig scoring(MatchingConfig config) {
        ScoringConfig scoring = config.scoringConfig();
        config.scoring().weightsFile().ifPresent(file -> LOG.infof("Scoring weights from %s: lexical %s, hybrid %s",
                file.toAbsolutePath(), scoring.lexical(), scoring.hybrid()));
        return scoring;
    }

    @Produces
    @Singleton
    Embeddings embeddings(MatchingConfig config, DataSource dataSource, MeterRegistry metrics) {
        MatchingConfig.Embeddings settings = config.embeddings();
        if (!settings.enabled()) {
            return Embeddings.off();
        }
        long loading = System.nanoTime();
        BgeSmallZh model = new BgeSmallZh(settings.indexThreads());
        ItemEmbeddings items = new ItemEmbeddings(model, new PgEmbeddingCache(dataSource, model.model()));
        QueryEmbeddings queries = new QueryEmbeddings(model, settings.queryThreads(), settings.queryQueue(),
                settings.queryCacheSize(), settings.queryTimeout());
        LOG.infof("Embedding model %s loaded in %d ms: matching and search are hybrid", model.model(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - loading));
        FunctionCounter.builder("kechuang.matching.embeddings.computed", items, ItemEmbeddings::cacheMisses)
                .description("listing texts embedded by the model").register(metrics);
        FunctionCounter.builder("kechuang.matching.embeddings.cached", items, ItemEmbeddings::cacheHits)
                .description("listing vectors read from the embedding cache").register(metrics);
        FunctionCounter.builder("kechuang.matching.search.lexical.fallbacks", queries, QueryEmbeddings::fallbacks)
                .description("searches run lexical only: no query vector in time").register(metrics);
        return Embeddings.of(model, items, queries);
    }

    void close(@Disposes Embeddings embeddings) {
        embeddings.close();
    }

    @Produces
    @Singleton
    @Startup
    MatchIndex index(MatchingConfig config, Embeddings embeddings, MeterRegistry metrics) {
        MatchIndex index;
        try {
            index = MatchIndex.open(config.indexDir(), embeddings.itemVectors());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.infof("Matching index at %s: %d documents%s", config.indexDir().toAbsolutePath(), index.numDocs(),
                index.created() ? " (new: rebuilding from the topics)" : "");
        Gauge.builder("kechuang.matching.index.documents", index, MatchIndex::numDocs).register(metrics);
        Gauge.builder("kechuang.matching.index.bytes", index, MatchIndex::sizeOnDisk).register(metrics);
        return index;
    }

    void close(@Disposes MatchIndex index) {
        try {
            index.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Produces
    @Singleton
    @Startup
    MatchFinder finder(MatchIndex index, ScoringConfig scoring, Embeddings embeddings) {
        return new MatchFinder(index.searchers(), index.analyzer(), scoring, embeddings.itemVectors());
    }

    @Produces
    @Singleton
    @Startup
    SearchEngine search(MatchIndex index, Embeddings embeddings) {
        return new SearchEngine(index.searchers(), index.analyzer(), embeddings::queryVector);
    }
}

package io.kechuang.matching;

import io.kechuang.events.Topics;
import io.kechuang.matching.learning.WeightsFile;
import io.kechuang.matching.scoring.ScoringConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "kechuang.matching")
public interface MatchingConfig {

    /** Folder of the Lucene index; deleting it makes the service rebuild the index from the topics. */
    Path indexDir();

    /** The topic of achievement events that feeds the index (a test may give its service topics of its own). */
    @WithDefault(Topics.ACHIEVEMENTS)
    String achievementsTopic();

    /** The topic of demand events that feeds the index. */
    @WithDefault(Topics.DEMANDS)
    String demandsTopic();

    /** How often the index is committed together with the consumed offsets. */
    @WithDefault("1s")
    Duration commitInterval();

    @WithDefault("500ms")
    Duration pollTimeout();

    /** Attempts per record before it goes to matching.dlq. */
    @WithDefault("4")
    int maxAttempts();

    @WithDefault("250ms")
    Duration retryBackoff();

    /** Readiness fails while more records than this wait to be indexed. */
    @WithDefault("1000")
    long maxReadyLag();

    /**
     * Scale-out: the consumer group that computes matches, shared by every replica (each replica still indexes
     * every event into its own index). Unset (one replica), the indexer matches each item itself.
     */
    Optional<String> matchGroup();

    /**
     * The consumer group of the identity directory's consumer of {@code identity.v1}, shared by every replica (they
     * share the database the directory lives in).
     */
    @WithDefault("matching-identity")
    String identityGroup();

    /** In scale-out mode, how long a group member waits for its index to reach a record before re-reading it later. */
    @WithDefault("2s")
    Duration indexWait();

    Scoring scoring();

    interface Scoring {
        @WithDefault("40")
        int candidates();

        @WithDefault("20")
        int topK();

        /** No hard cut by default: every item gets its best topK, each with a confidence band. */
        @WithDefault("0")
        double threshold();

        @WithDefault("0")
        double minTextRelevance();

        @WithDefault("80")
        int maxTermsPerAnalysis();

        /**
         * A scoring configuration written by the bench's refit ({@code exec@refit}): both rankings' feature weights
         * and bands. Read and validated at start-up (an invalid file stops the start); unset, the built-in fitted
         * defaults of {@link ScoringConfig} apply.
         */
        Optional<Path> weightsFile();
    }

    Embeddings embeddings();

    /** Dense vectors from bge-small-zh-v1.5, in process: hybrid matching and search. */
    interface Embeddings {
        /** Off: the index holds no vectors, and matching and search are lexical (BM25 and the features). */
        @WithDefault("true")
        boolean enabled();

        /** Threads that embed a batch of listings (a bulk import's); the indexer itself embeds one at a time. */
        @WithDefault("2")
        int indexThreads();

        /** Threads that embed search queries. */
        @WithDefault("2")
        int queryThreads();

        /** Search queries that may wait for one of those threads; beyond, a search runs lexical only. */
        @WithDefault("32")
        int queryQueue();

        /** Search queries whose vectors are remembered (least recently used first out). */
        @WithDefault("10000")
        int queryCacheSize();

        /** How long a search waits for its query's vector before running lexical only. */
        @WithDefault("2s")
        Duration queryTimeout();
    }

    default ScoringConfig scoringConfig() {
        Scoring s = scoring();
        ScoringConfig config = new ScoringConfig(s.candidates(), s.topK(), s.threshold(), s.minTextRelevance(),
                s.maxTermsPerAnalysis());
        return s.weightsFile().map(WeightsFile::read).map(r -> r.applyTo(config)).orElse(config);
    }
}

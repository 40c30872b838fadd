package io.kechuang.matching;

import io.kechuang.matching.scoring.ScoringConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

@ConfigMapping(prefix = "kechuang.matching")
public interface MatchingConfig {

    /** Folder of the Lucene index; deleting it makes the service rebuild the index from the topics. */
    Path indexDir();

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

    /** In scale-out mode, how long a group member waits for its index to reach a record before re-reading it later. */
    @WithDefault("2s")
    Duration indexWait();

    /** The calendar that decides whether an expiry day or deadline has passed. */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();

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

        @WithDefault("240")
        int maxTermsPerAnalysis();
    }

    default ScoringConfig scoringConfig() {
        Scoring s = scoring();
        return new ScoringConfig(s.candidates(), s.topK(), s.threshold(), s.minTextRelevance(), s.maxTermsPerAnalysis(),
                ScoringConfig.Weights.defaults());
    }
}

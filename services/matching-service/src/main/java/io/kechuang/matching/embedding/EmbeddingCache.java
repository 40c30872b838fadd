package io.kechuang.matching.embedding;

import java.util.Collection;
import java.util.Map;

/**
 * Vectors by content key ({@link EmbeddingText#key}), kept outside the index: a rebuild of the index from the topics
 * reads them instead of running the model again. Implementations must be thread-safe.
 */
public interface EmbeddingCache {

    /** The cached vectors of those of {@code keys} that are cached. */
    Map<String, float[]> getAll(Collection<String> keys);

    /** Caches {@code vectors}; a key already cached keeps its vector (the same text gives the same vector). */
    void putAll(Map<String, float[]> vectors);
}

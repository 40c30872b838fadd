package io.kechuang.matching.embedding;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Embeds search queries on the request: on a fixed, bounded pool of threads with a bounded queue, behind an LRU cache
 * of recent queries. When the pool is saturated or the model is slow, {@link #embed} answers empty within its
 * timeout and the search runs lexical only, so a burst of searches never piles up model work or threads.
 */
public final class QueryEmbeddings implements AutoCloseable {

    private final TextEmbedder model;
    private final ThreadPoolExecutor pool;
    private final Cache<String, float[]> recent;
    private final Duration timeout;
    private final AtomicLong fallbacks = new AtomicLong();

    /**
     * @param threads threads that run the model for queries
     * @param queue queries that may wait for a thread; more are answered lexically
     * @param cacheSize queries whose vectors are kept (least recently used ones go first)
     * @param timeout how long a search waits for its query's vector
     */
    public QueryEmbeddings(TextEmbedder model, int threads, int queue, int cacheSize, Duration timeout) {
        this.model = model;
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue),
                Thread.ofPlatform().name("query-embedding-", 0).daemon(true).factory(),
                new ThreadPoolExecutor.AbortPolicy());
        this.recent = Caffeine.newBuilder().maximumSize(cacheSize).build();
        this.timeout = timeout;
    }

    /** The vector of {@code query} (cut like item texts), or empty when it cannot be had in time. */
    public Optional<float[]> embed(String query) {
        String text = EmbeddingText.cut(query.strip());
        if (text.isEmpty()) {
            return Optional.empty();
        }
        float[] cached = recent.getIfPresent(text);
        if (cached != null) {
            return Optional.of(cached);
        }
        Future<float[]> running;
        try {
            running = pool.submit(() -> model.embed(text));
        } catch (RejectedExecutionException saturated) {
            fallbacks.incrementAndGet();
            return Optional.empty();
        }
        try {
            float[] vector = running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            recent.put(text, vector);
            return Optional.of(vector);
        } catch (TimeoutException | ExecutionException e) {
            running.cancel(true);
            fallbacks.incrementAndGet();
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.cancel(true);
            return Optional.empty();
        }
    }

    /** Queries waiting for a thread. */
    int waiting() {
        return pool.getQueue().size();
    }

    /** Searches that ran lexical only because their query's vector was not had in time. */
    public long fallbacks() {
        return fallbacks.get();
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}

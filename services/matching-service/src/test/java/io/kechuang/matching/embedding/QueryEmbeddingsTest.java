package io.kechuang.matching.embedding;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The query-embedding pool is bounded (threads and queue), answers empty instead of piling work up, and remembers
 * recent queries. The model here is a stand-in that blocks on a latch, so the pool's limits can be reached on cue;
 * the real model's behaviour is checked in {@link HybridIndexTest}.
 */
class QueryEmbeddingsTest {

    /** A model that waits for {@code release} before answering, and counts its calls. */
    private static final class GatedModel implements TextEmbedder {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public String model() {
            return "gated";
        }

        @Override
        public int dimensions() {
            return 2;
        }

        @Override
        public float[] embed(String text) {
            calls.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new float[] {text.length(), 1};
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            return texts.stream().map(this::embed).toList();
        }
    }

    @Test
    void aSaturatedPoolAnswersEmptyAtOnceAndTheCacheSparesTheModel() throws Exception {
        GatedModel model = new GatedModel();
        // Threads of their own: the callers block, and the common pool may have a single thread.
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try (QueryEmbeddings queries = new QueryEmbeddings(model, 1, 1, 100, Duration.ofSeconds(10))) {
            CompletableFuture<Optional<float[]>> running = CompletableFuture.supplyAsync(() -> queries.embed("first"),
                    callers);
            await().atMost(Duration.ofSeconds(10)).until(() -> model.calls.get() >= 1);
            CompletableFuture<Optional<float[]>> queued = CompletableFuture.supplyAsync(() -> queries.embed("second"),
                    callers);
            await().atMost(Duration.ofSeconds(10)).until(() -> queries.waiting() >= 1);
            // The one thread is busy and the one queue slot is taken: a third query is refused without waiting.
            long start = System.nanoTime();
            Optional<float[]> refused = queries.embed("third");
            assertTrue(refused.isEmpty(), "a query beyond the pool and its queue runs lexical only");
            assertTrue(queries.fallbacks() >= 1);
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "refused at once, not after the timeout");

            model.release.countDown();
            assertArrayEquals(new float[] {5, 1}, running.get(10, TimeUnit.SECONDS).orElseThrow());
            assertArrayEquals(new float[] {6, 1}, queued.get(10, TimeUnit.SECONDS).orElseThrow());
            int calls = model.calls.get();
            assertArrayEquals(new float[] {5, 1}, queries.embed("first").orElseThrow());
            assertEquals(calls, model.calls.get(), "a recent query's vector comes from the cache");
            assertTrue(queries.embed("   ").isEmpty(), "a blank query has no vector");
        } finally {
            model.release.countDown();
            callers.shutdownNow();
        }
    }

    @Test
    void aSlowModelTimesOutIntoALexicalSearch() {
        GatedModel model = new GatedModel();
        try (QueryEmbeddings queries = new QueryEmbeddings(model, 1, 4, 100, Duration.ofMillis(100))) {
            assertTrue(queries.embed("slow").isEmpty());
            assertEquals(1, queries.fallbacks());
        } finally {
            model.release.countDown();
        }
    }
}

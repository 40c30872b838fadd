package io.kechuang.matching.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15.BgeSmallZhV15EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * BAAI's bge-small-zh-v1.5 (512 dimensions, MIT licence) in process through LangChain4j's ONNX packaging: the model,
 * its tokenizer and the ONNX runtime ship in the jars, so nothing is downloaded at build or run time. Texts longer
 * than the model's 512 tokens are embedded in parts and averaged by LangChain4j. Thread-safe; counts every text it
 * embeds ({@link #calls()}), which is how tests prove that a rebuild reads the cache instead.
 */
public final class BgeSmallZh implements TextEmbedder, AutoCloseable {

    public static final String MODEL = "bge-small-zh-v1.5";
    public static final int DIMENSIONS = 512;

    private final ExecutorService batchPool;
    private final BgeSmallZhV15EmbeddingModel model;
    private final AtomicLong calls = new AtomicLong();

    /** @param batchThreads threads {@link #embedAll} spreads a batch over */
    public BgeSmallZh(int batchThreads) {
        this.batchPool = Executors.newFixedThreadPool(Math.max(1, batchThreads),
                Thread.ofPlatform().name("bge-batch-", 0).daemon(true).factory());
        this.model = new BgeSmallZhV15EmbeddingModel(batchPool);
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public int dimensions() {
        return DIMENSIONS;
    }

    @Override
    public float[] embed(String text) {
        calls.incrementAndGet();
        return unit(model.embed(text).content());
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        calls.addAndGet(texts.size());
        List<Embedding> embeddings = model.embedAll(texts.stream().map(TextSegment::from).toList()).content();
        List<float[]> out = new ArrayList<>(embeddings.size());
        embeddings.forEach(e -> out.add(unit(e)));
        return out;
    }

    /** Texts embedded so far. */
    public long calls() {
        return calls.get();
    }

    /** LangChain4j normalises already; the index's dot-product similarity needs exactly unit length. */
    private static float[] unit(Embedding embedding) {
        float[] v = embedding.vector();
        double norm = 0;
        for (float f : v) {
            norm += f * f;
        }
        norm = Math.sqrt(norm);
        if (norm > 0 && Math.abs(norm - 1) > 1e-6) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (v[i] / norm);
            }
        }
        return v;
    }

    @Override
    public void close() {
        batchPool.shutdownNow();
    }
}

package io.kechuang.matching.embedding;

import io.kechuang.matching.index.Item;
import io.kechuang.matching.index.ItemVectors;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An item's vector: read from the cache by the hash of its text, else computed by the model and cached. A rebuild
 * of the index therefore runs the model only for texts it has never seen.
 */
public final class ItemEmbeddings implements ItemVectors {

    private final TextEmbedder model;
    private final EmbeddingCache cache;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    public ItemEmbeddings(TextEmbedder model, EmbeddingCache cache) {
        this.model = model;
        this.cache = cache;
    }

    @Override
    public float[] vectorOf(Item item) {
        String text = EmbeddingText.of(item);
        if (text.isEmpty()) {
            return null;
        }
        return vectorsOf(List.of(text)).get(text);
    }

    /**
     * The vectors of {@code texts} (each already cut by {@link EmbeddingText}), by text: one cache read for all, one
     * model batch for those not cached, which are then cached.
     */
    public Map<String, float[]> vectorsOf(Collection<String> texts) {
        Map<String, String> keyOf = new LinkedHashMap<>();
        for (String text : texts) {
            if (!text.isEmpty()) {
                keyOf.put(text, EmbeddingText.key(model.model(), text));
            }
        }
        Map<String, float[]> cached = cache.getAll(keyOf.values());
        Map<String, float[]> out = new HashMap<>();
        List<String> missing = new ArrayList<>();
        keyOf.forEach((text, key) -> {
            float[] v = cached.get(key);
            if (v != null && v.length == model.dimensions()) {
                out.put(text, v);
            } else {
                missing.add(text);
            }
        });
        hits.addAndGet(out.size());
        if (!missing.isEmpty()) {
            misses.addAndGet(missing.size());
            List<float[]> computed = model.embedAll(missing);
            Map<String, float[]> fresh = new HashMap<>();
            for (int i = 0; i < missing.size(); i++) {
                out.put(missing.get(i), computed.get(i));
                fresh.put(keyOf.get(missing.get(i)), computed.get(i));
            }
            cache.putAll(fresh);
        }
        return out;
    }

    public TextEmbedder model() {
        return model;
    }

    /** Vectors read from the cache so far. */
    public long cacheHits() {
        return hits.get();
    }

    /** Vectors the model computed so far. */
    public long cacheMisses() {
        return misses.get();
    }
}

package io.kechuang.bench.embedding;

import io.kechuang.matching.embedding.EmbeddingCache;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The benchmarks' embedding cache: an append-only file of (content key, vector) records, read whole at open, so that
 * the hand-judged set's and the corpus's texts are embedded once per machine, not at every run. The service's own
 * cache is PostgreSQL ({@code PgEmbeddingCache}); this one only spares a benchmark hours of model time.
 */
public final class FileEmbeddingCache implements EmbeddingCache {

    /** Where the benchmarks keep it by default (outside {@code target/}, so {@code mvn clean} keeps it). */
    public static final Path DEFAULT = Path.of(System.getProperty("user.home"), ".cache", "kechuang-bench",
            "embeddings-bge-small-zh-v1.5.bin");

    private final Path file;
    private final Map<String, float[]> vectors = new ConcurrentHashMap<>();

    public FileEmbeddingCache(Path file) {
        this.file = file;
        if (Files.exists(file)) {
            try (InputStream raw = Files.newInputStream(file);
                    DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 20))) {
                while (true) {
                    String key;
                    try {
                        key = in.readUTF();
                    } catch (EOFException end) {
                        break;
                    }
                    float[] v = new float[in.readInt()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = in.readFloat();
                    }
                    vectors.put(key, v);
                }
            } catch (EOFException truncated) {
                // a run stopped mid-write: the records before the last are whole and kept
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static FileEmbeddingCache openDefault() {
        return new FileEmbeddingCache(DEFAULT);
    }

    @Override
    public Map<String, float[]> getAll(Collection<String> keys) {
        Map<String, float[]> out = new HashMap<>();
        for (String key : keys) {
            float[] v = vectors.get(key);
            if (v != null) {
                out.put(key, v);
            }
        }
        return out;
    }

    @Override
    public synchronized void putAll(Map<String, float[]> fresh) {
        try {
            Files.createDirectories(file.getParent());
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND), 1 << 16))) {
                for (Map.Entry<String, float[]> e : fresh.entrySet()) {
                    if (vectors.putIfAbsent(e.getKey(), e.getValue()) == null) {
                        out.writeUTF(e.getKey());
                        out.writeInt(e.getValue().length);
                        for (float f : e.getValue()) {
                            out.writeFloat(f);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int size() {
        return vectors.size();
    }
}

package io.kechuang.matching.embedding;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The embedding cache in the matching service's own PostgreSQL database, table {@code embedding_cache} (migration
 * V4): durable across restarts and lost indexes, and shared by replicas, so a text is embedded once for all of
 * them. A vector is stored as its floats, little-endian, 2 KiB for bge-small-zh's 512 dimensions.
 */
public final class PgEmbeddingCache implements EmbeddingCache {

    private final DataSource dataSource;
    private final String model;

    public PgEmbeddingCache(DataSource dataSource, String model) {
        this.dataSource = dataSource;
        this.model = model;
    }

    @Override
    public Map<String, float[]> getAll(Collection<String> keys) {
        Map<String, float[]> out = new HashMap<>();
        if (keys.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(
                        "SELECT content_key, vector FROM embedding_cache WHERE content_key = ANY (?)")) {
            Array array = c.createArrayOf("text", keys.toArray());
            select.setArray(1, array);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    out.put(rows.getString(1), decode(rows.getBytes(2)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("embedding cache not readable: " + e.getMessage(), e);
        }
    }

    @Override
    public void putAll(Map<String, float[]> vectors) {
        if (vectors.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement("INSERT INTO embedding_cache (content_key, model, vector) "
                        + "VALUES (?, ?, ?) ON CONFLICT (content_key) DO NOTHING")) {
            for (Map.Entry<String, float[]> e : vectors.entrySet()) {
                insert.setString(1, e.getKey());
                insert.setString(2, model);
                insert.setBytes(3, encode(e.getValue()));
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("embedding cache not writable: " + e.getMessage(), e);
        }
    }

    /** Vectors cached, all models. */
    public long size() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement count = c.prepareStatement("SELECT count(*) FROM embedding_cache");
                ResultSet row = count.executeQuery()) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("embedding cache not readable: " + e.getMessage(), e);
        }
    }

    static byte[] encode(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        return bytes.array();
    }

    static float[] decode(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}

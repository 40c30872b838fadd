package io.kechuang.matching.learning;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kechuang.matching.scoring.Suggestion.Feature;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads the view {@code labelled_pair} over plain JDBC, so that the service's export and the bench's refit (given a
 * live platform's JDBC URL) read the same rows the same way. The view selects no text at all (migration V5).
 */
public final class LabelledPairs {

    private static final String COLUMNS = "match_id, demand_id, achievement_id, label, polarity, reason_code, "
            + "decided_by, decided_by_role, decided_by_org, decided_at, score, features::text";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LabelledPairs() {
    }

    /** Decisions taken at or after {@code since} (or all), oldest first, one page. */
    public static List<LabelledPair> page(Connection c, OffsetDateTime since, long offset, int limit)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("select " + COLUMNS + " from labelled_pair"
                + " where decided_at >= ? order by decided_at, activity_id offset ? limit ?")) {
            st.setObject(1, since == null ? OffsetDateTime.parse("1970-01-01T00:00:00Z") : since);
            st.setLong(2, offset);
            st.setInt(3, limit);
            return read(st);
        }
    }

    public static long count(Connection c, OffsetDateTime since) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("select count(*) from labelled_pair where decided_at >= ?")) {
            st.setObject(1, since == null ? OffsetDateTime.parse("1970-01-01T00:00:00Z") : since);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Every labelled pair, oldest decision first (the refit reads them all). */
    public static List<LabelledPair> all(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("select " + COLUMNS
                + " from labelled_pair order by decided_at, activity_id")) {
            st.setFetchSize(1000);
            return read(st);
        }
    }

    private static List<LabelledPair> read(PreparedStatement st) throws SQLException {
        List<LabelledPair> out = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(new LabelledPair(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getString(4), LabelledPair.Polarity.valueOf(rs.getString(5)),
                        rs.getString(6), new LabelledPair.Decider(rs.getString(7), rs.getString(8),
                                rs.getObject(9, UUID.class)), rs.getObject(10, OffsetDateTime.class),
                        rs.getDouble(11), features(rs.getString(12))));
            }
        }
        return out;
    }

    static Map<Feature, Double> features(String json) {
        Map<Feature, Double> out = new EnumMap<>(Feature.class);
        if (json == null) {
            return out;
        }
        try {
            Map<String, Double> raw = JSON.readValue(json, new TypeReference<Map<String, Double>>() {
            });
            raw.forEach((k, v) -> out.put(Feature.valueOf(k), v));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable stored features: " + json, e);
        }
        return out;
    }
}

package io.kechuang.gateway.limits;

import io.kechuang.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The per-client rate limit: requests per window per token subject, counted in PostgreSQL so every replica shares
 * one count. An API client may have its own limit ({@code api_client.rate_limit}); everyone else gets
 * {@code kechuang.gateway.rate-limit.requests}. Counting and reading the client's limit is one statement, committed
 * without waiting for the disk flush ({@link WindowCounters#withoutWaitingForFlush}). Blocking:
 * call it off the event loop.
 */
@ApplicationScoped
public class RateLimiter {

    @Inject
    DataSource dataSource;

    @Inject
    GatewayConfig config;

    /**
     * @param allowed whether this request is within the limit
     * @param limit requests allowed in the window
     * @param remaining requests left in the window after this one
     * @param secondsLeft seconds until the window ends (the {@code Retry-After} of a refused request)
     */
    public record Decision(boolean allowed, int limit, int remaining, long secondsLeft) {
    }

    public Decision hit(String subject) throws SQLException {
        long seconds = config.rateLimit().window().toSeconds();
        String sql = "with hit as (insert into rate_window as w (bucket, window_start, hits) values (?, "
                + WindowCounters.WINDOW_START + ", 1) "
                + "on conflict (bucket, window_start) do update set hits = w.hits + 1 "
                + "returning w.hits, w.window_start) "
                + "select hit.hits, " + WindowCounters.SECONDS_LEFT.replace("window_start", "hit.window_start")
                + ", (select c.rate_limit from api_client c where c.client_id = ?) from hit";
        return WindowCounters.withoutWaitingForFlush(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, "client:" + subject);
                ps.setLong(2, seconds);
                ps.setLong(3, seconds);
                ps.setLong(4, seconds);
                ps.setString(5, subject);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    int hits = rs.getInt(1);
                    long secondsLeft = rs.getLong(2);
                    int own = rs.getInt(3);
                    int limit = rs.wasNull() ? config.rateLimit().requests() : own;
                    return new Decision(hits <= limit, limit, Math.max(0, limit - hits), secondsLeft);
                }
            }
        });
    }
}

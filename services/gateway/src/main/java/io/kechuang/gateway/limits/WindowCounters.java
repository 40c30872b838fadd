package io.kechuang.gateway.limits;

import io.kechuang.gateway.GatewayConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Fixed-window counters in PostgreSQL, shared by every gateway replica. One statement counts a hit and reads the
 * count back ({@code insert ... on conflict do update ... returning}), so concurrent replicas never lose a hit.
 * Windows are aligned to the database clock, so replicas with skewed clocks still agree. Each call runs in its own
 * autocommit statement, outside any caller's transaction: a failed sign-in is counted even though the request fails.
 */
@ApplicationScoped
public class WindowCounters {

    /** The current window's start for a window of {@code ?} seconds (bound twice). */
    static final String WINDOW_START = "to_timestamp(floor(extract(epoch from clock_timestamp()) / ?) * ?)";
    /** Whole seconds, at least 1, from now until the window that started at {@code window_start} ({@code ?} seconds long) ends. */
    static final String SECONDS_LEFT =
            "greatest(1, ceil(extract(epoch from window_start + make_interval(secs => ?) - clock_timestamp())))::int";

    private static final Logger LOG = Logger.getLogger(WindowCounters.class);

    @Inject
    DataSource dataSource;

    @Inject
    GatewayConfig config;

    /** A window's count and the seconds until it ends. */
    public record Count(int hits, long secondsLeft) {
    }

    /**
     * Adds a hit to {@code bucket} in the current window and returns the count including it, committed durably: the
     * login throttle counts sign-in attempts with it, before it checks the password, and must stay exact across a
     * crash (ARCHITECTURE.md), or a crash would hand an attacker a fresh set of password guesses. Sign-in attempts
     * are rare enough that waiting for the flush costs nothing that matters; busy rate-limit counting goes through {@link #withoutWaitingForFlush}.
     */
    public Count hit(String bucket, Duration window) throws SQLException {
        long seconds = window.toSeconds();
        String sql = "insert into rate_window as w (bucket, window_start, hits) values (?, " + WINDOW_START + ", 1) "
                + "on conflict (bucket, window_start) do update set hits = w.hits + 1 "
                + "returning w.hits, " + SECONDS_LEFT.replace("window_start", "w.window_start");
        return durably(dataSource, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, bucket);
                ps.setLong(2, seconds);
                ps.setLong(3, seconds);
                ps.setLong(4, seconds);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Count(rs.getInt(1), rs.getLong(2));
                }
            }
        });
    }

    /** Work on one connection whose result is read back. */
    @FunctionalInterface
    interface Work<T> {
        T apply(Connection c) throws SQLException;
    }

    /**
     * Runs a counter update in a transaction of its own that commits without waiting for the write-ahead log to
     * reach the disk ({@code synchronous_commit = off}, for this transaction only). Every request of a caller
     * updates the same counter row, so each update holds the row lock until its commit; waiting for a disk flush
     * there serialises a busy caller's requests behind one fsync each. A counter lost in a crash (the last few
     * hundred milliseconds) only resets a rate-limit window, which is harmless; the identity data and the failed
     * sign-in counts ({@link #hit}) keep durable commits.
     */
    static <T> T withoutWaitingForFlush(DataSource dataSource, Work<T> work) throws SQLException {
        return inTransaction(dataSource, false, work);
    }

    /** A counter update in a transaction of its own that commits durably, as everything but rate limiting does. */
    static <T> T durably(DataSource dataSource, Work<T> work) throws SQLException {
        return inTransaction(dataSource, true, work);
    }

    private static <T> T inTransaction(DataSource dataSource, boolean waitForFlush, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                if (!waitForFlush) {
                    try (Statement set = c.createStatement()) {
                        set.execute("set local synchronous_commit = off");
                    }
                }
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    /** Takes one hit back from {@code bucket}'s current window, if it has any. */
    public void takeBack(String bucket, Duration window) throws SQLException {
        long seconds = window.toSeconds();
        String sql = "update rate_window set hits = hits - 1 where bucket = ? and window_start = " + WINDOW_START
                + " and hits > 0";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, bucket);
            ps.setLong(2, seconds);
            ps.setLong(3, seconds);
            ps.executeUpdate();
        }
    }

    /** Forgets every window of {@code bucket}. */
    public void clear(String bucket) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("delete from rate_window where bucket = ?")) {
            ps.setString(1, bucket);
            ps.executeUpdate();
        }
    }

    /** Drops windows that ended long ago. */
    @Scheduled(every = "5m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void prune() {
        long keep = Math.max(config.rateLimit().window().toSeconds(), config.login().window().toSeconds()) * 2;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "delete from rate_window where window_start < clock_timestamp() - make_interval(secs => ?)")) {
            ps.setLong(1, keep);
            int removed = ps.executeUpdate();
            LOG.debugf("Pruned %d old rate-limit windows", removed);
        } catch (SQLException e) {
            LOG.warnf("Could not prune rate-limit windows: %s", e.getMessage());
        }
    }
}

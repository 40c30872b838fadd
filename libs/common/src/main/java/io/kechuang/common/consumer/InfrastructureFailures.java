package io.kechuang.common.consumer;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Tells failures of the infrastructure a consumer depends on (its database cannot be reached, Kafka cannot take a write
 * for now) from failures of the record itself. An infrastructure failure says nothing about the record: the same record
 * succeeds once the database or broker is back, so {@link BoundedRetry} waits for it instead of dead-lettering it.
 * <p>
 * Recognised anywhere in the cause chain, or among suppressed exceptions (Hibernate, Narayana and Quarkus wrap what
 * the driver throws; a failed commit can carry it only as a suppressed exception of Narayana's rollback exception):
 * <ul>
 * <li>{@link SQLException}s of SQLState class {@code 08} (connection exception: PgJDBC's {@code 08001} connection
 * refused, {@code 08006} connection failure, {@code 08003} connection closed) except {@code 08P01} (a protocol
 * violation, which a record can provoke), and {@code 57P01}–{@code 57P03} (admin shutdown, crash shutdown, cannot
 * connect now: the server is stopping or starting);</li>
 * <li>{@link SQLTransientConnectionException};</li>
 * <li>Hibernate's {@code JDBCConnectionException} (what it makes of class {@code 08});</li>
 * <li>Agroal's acquisition timeout: a plain {@link SQLException} caused by a
 * {@link java.util.concurrent.TimeoutException}, "Acquisition timeout while waiting for new connection", when no
 * connection could be had within {@code quarkus.datasource.jdbc.acquisition-timeout};</li>
 * <li>Kafka's {@link RetriableException}s (a timeout, no leader, not enough replicas, a network failure).</li>
 * </ul>
 * Everything else, including serialization failures and deadlocks ({@code 40001}, {@code 40P01}), constraint
 * violations and bugs, is a failure of the record's processing and stays bounded. The REST layer uses the same
 * classification: such a failure of a request is a 503 (see {@code ProblemMappers}).
 */
public final class InfrastructureFailures {

    private static final Set<String> SERVER_UNAVAILABLE = Set.of("57P01", "57P02", "57P03");

    private InfrastructureFailures() {
    }

    /**
     * Whether {@code failure}, anything in its cause chain or a suppressed exception says the infrastructure is
     * unavailable.
     */
    public static boolean isInfrastructure(Throwable failure) {
        return infrastructureCause(failure).isPresent();
    }

    /** The exception that says so, as one line for a log (class, SQLState, message); "unknown" if none does. */
    public static String describe(Throwable failure) {
        return infrastructureCause(failure).map(t -> {
            Throwable shown = t instanceof org.hibernate.JDBCException jdbc && jdbc.getSQLException() != null
                    ? jdbc.getSQLException() : t;
            String state = shown instanceof SQLException sql && sql.getSQLState() != null ? " [" + sql.getSQLState() + "]"
                    : "";
            return shown.getClass().getSimpleName() + state + ": " + shown.getMessage();
        }).orElse("unknown");
    }

    private static Optional<Throwable> infrastructureCause(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>();
        if (failure != null) {
            pending.add(failure);
        }
        while (!pending.isEmpty()) {
            Throwable t = pending.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (isUnavailable(t)) {
                return Optional.of(t);
            }
            if (t.getCause() != null) {
                pending.add(t.getCause());
            }
            pending.addAll(List.of(t.getSuppressed()));
        }
        return Optional.empty();
    }

    private static boolean isUnavailable(Throwable t) {
        return t instanceof RetriableException || t instanceof SQLTransientConnectionException
                || isHibernateConnectionFailure(t)
                || t instanceof SQLException sql && (isConnectionState(sql.getSQLState()) || isAcquisitionTimeout(sql));
    }

    static boolean isConnectionState(String sqlState) {
        if (sqlState == null) {
            return false;
        }
        return sqlState.startsWith("08") && !"08P01".equals(sqlState) || SERVER_UNAVAILABLE.contains(sqlState);
    }

    /** Agroal gives no SQLState for it: the timeout is its cause. */
    private static boolean isAcquisitionTimeout(SQLException e) {
        return e.getSQLState() == null && e.getCause() instanceof java.util.concurrent.TimeoutException;
    }

    private static boolean isHibernateConnectionFailure(Throwable t) {
        return t instanceof org.hibernate.exception.JDBCConnectionException;
    }
}

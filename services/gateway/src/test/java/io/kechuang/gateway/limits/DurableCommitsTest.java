package io.kechuang.gateway.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.kechuang.testing.DurableCommits;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The gateway's identity data (organisations, users, API clients, keys) commits durably: its sessions have fsync,
 * synchronous_commit and full_page_writes on. The rate-limit counters are the one documented exception
 * ({@link WindowCounters#withoutWaitingForFlush}): they skip the flush for their own transaction only, and the pooled
 * connection they used commits durably again afterwards. Failed sign-ins are counted durably: the throttle stays exact.
 */
@QuarkusTest
class DurableCommitsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theGatewaysSessionsCommitDurably() throws Exception {
        DurableCommits.assertDurable(dataSource);
    }

    @Test
    void aCounterSkipsTheFlushForItsOwnTransactionOnly() throws Exception {
        try (Connection pooled = dataSource.getConnection()) {
            String during = WindowCounters.withoutWaitingForFlush(only(pooled), DurableCommitsTest::synchronousCommit);
            assertEquals("off", during, "the counter's own transaction");
            assertEquals("on", synchronousCommit(pooled), "the same connection after the counter's transaction");
        }
    }

    @Test
    void aFailedSignInIsCountedDurably() throws Exception {
        try (Connection pooled = dataSource.getConnection()) {
            assertEquals("on", WindowCounters.durably(only(pooled), DurableCommitsTest::synchronousCommit),
                    "the login throttle's counts survive a crash");
        }
    }

    private static String synchronousCommit(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("show synchronous_commit")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A data source that hands out {@code connection} and leaves it open when its user closes it. */
    private static DataSource only(Connection connection) {
        Connection unclosable = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if ("close".equals(method.getName())) {
                        return null;
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if ("getConnection".equals(method.getName())) {
                        return unclosable;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}

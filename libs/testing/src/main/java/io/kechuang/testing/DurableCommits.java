package io.kechuang.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

import io.kechuang.infra.PostgresServer;

/**
 * Checks that a service's database sessions commit durably: none of {@link PostgresServer#DURABILITY}'s settings
 * ({@code fsync}, {@code synchronous_commit}, {@code full_page_writes}) is {@code off} as the service's own connections
 * see them. Asked through the service's data source, so that a per-database or per-role setting, or an option in the
 * JDBC URL, is caught as well as the server's command line. {@code synchronous_commit} may be any value but
 * {@code off}: {@code local}, {@code remote_write} and {@code remote_apply} wait for the local flush too.
 */
public final class DurableCommits {

    private DurableCommits() {
    }

    /** Every setting and its value as a session of {@code dataSource} sees it. */
    public static Map<String, String> settings(DataSource dataSource) throws SQLException {
        Map<String, String> values = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String name : PostgresServer.DURABILITY.keySet()) {
                try (ResultSet rs = st.executeQuery("show " + name)) {
                    rs.next();
                    values.put(name, rs.getString(1));
                }
            }
        }
        return values;
    }

    /** @throws AssertionError naming every setting that is off */
    public static void assertDurable(DataSource dataSource) throws SQLException {
        Map<String, String> values = settings(dataSource);
        List<String> off = new ArrayList<>();
        values.forEach((name, value) -> {
            if ("off".equalsIgnoreCase(value)) {
                off.add(name);
            }
        });
        if (!off.isEmpty()) {
            throw new AssertionError("commits are not durable: " + off + " off (" + values + ")");
        }
    }
}

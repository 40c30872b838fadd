package io.kechuang.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A copy of every table of a database's {@code public} schema (Flyway's history aside) in a schema of its own, and
 * its restore: what a restore from a backup, or a crash that lost commits, does to a service's database, for tests of
 * what the platform does afterwards. The restore runs in one transaction, with triggers and foreign keys off
 * ({@code session_replication_role = replica}), so rows come back exactly as they were.
 */
public final class DatabaseSnapshot {

    private final String schema;
    private final List<String> tables;

    private DatabaseSnapshot(String schema, List<String> tables) {
        this.schema = schema;
        this.tables = tables;
    }

    /** Copies every table of {@code public} into the new schema {@code name} (letters, digits, underscore). */
    public static DatabaseSnapshot take(Connection c, String name) throws SQLException {
        if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("unsupported schema name: " + name);
        }
        List<String> tables = new ArrayList<>();
        inOneTransaction(c, st -> {
            // One snapshot of the whole database, as a backup would take it.
            st.execute("set transaction isolation level repeatable read");
            try (ResultSet rs = st.executeQuery("select tablename from pg_tables where schemaname = 'public' "
                    + "and tablename <> 'flyway_schema_history' order by tablename")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            st.execute("drop schema if exists " + name + " cascade");
            st.execute("create schema " + name);
            for (String table : tables) {
                st.execute("create table " + name + "." + quote(table) + " as table public." + quote(table));
            }
        });
        return new DatabaseSnapshot(name, List.copyOf(tables));
    }

    /** Puts every table back as it was when the snapshot was taken; rows written since are gone. */
    public void restore(Connection c) throws SQLException {
        inOneTransaction(c, st -> {
            st.execute("set local session_replication_role = replica");
            for (String table : tables) {
                st.execute("delete from public." + quote(table));
                st.execute("insert into public." + quote(table) + " select * from " + schema + "." + quote(table));
            }
        });
    }

    private interface Statements {
        void run(Statement st) throws SQLException;
    }

    /** Runs {@code work} in one transaction on {@code c}, committed or rolled back, and restores its auto-commit. */
    private static void inOneTransaction(Connection c, Statements work) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            work.run(st);
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    public List<String> tables() {
        return tables;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}

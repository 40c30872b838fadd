package io.kechuang.bench.pgfts;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * The PostgreSQL 18 of the baseline: zonky's embedded binaries (the same as the platform's), but initialised with a
 * UTF-8 locale ({@code C.UTF-8}). Under the C locale {@code pg_trgm} treats every non-ASCII character as a word
 * separator and extracts no trigram at all from Chinese text; {@link #start} asserts both facts.
 *
 * <p>Settings a team would give a search database on this machine: shared_buffers 512 MB, work_mem 64 MB,
 * maintenance_work_mem 512 MB; zonky starts the server with fsync off (-F), which only helps loading.
 */
public final class BenchPostgres implements AutoCloseable {

    public static final String DATABASE = "fts";

    private final EmbeddedPostgres postgres;

    private BenchPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static BenchPostgres start(Path dataDir) throws IOException, SQLException {
        Files.createDirectories(dataDir);
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.resolve("pgdata"))
                .setCleanDataDirectory(true)
                .setPGStartupWait(Duration.ofSeconds(90))
                .setLocaleConfig("locale", "C.UTF-8")
                .setLocaleConfig("encoding", "UTF8")
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("shared_buffers", "512MB")
                .setServerConfig("work_mem", "64MB")
                .setServerConfig("maintenance_work_mem", "512MB")
                .setServerConfig("max_wal_size", "4GB")
                .setOutputRedirector(Redirect.appendTo(dataDir.resolve("postgres.log").toFile()))
                .setErrorRedirector(Redirect.appendTo(dataDir.resolve("postgres.log").toFile()))
                .start();
        BenchPostgres server = new BenchPostgres(pg);
        try (Connection c = server.connect("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + DATABASE);
            st.execute("CREATE DATABASE c_locale TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
        }
        try (Connection c = server.connect(DATABASE); Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION pg_trgm");
            String ctype = single(st, "SELECT datctype FROM pg_database WHERE datname = current_database()");
            String trigrams = single(st, "SELECT array_to_string(show_trgm('锂离子电池'), ',')");
            if (!ctype.toUpperCase().contains("UTF")) {
                throw new IllegalStateException("database " + DATABASE + " has LC_CTYPE " + ctype + ", not UTF-8");
            }
            // "锂离子电池" is one word: 2 padded + 3 inner trigrams
            if (trigrams.isEmpty() || trigrams.split(",").length < 5) {
                throw new IllegalStateException("pg_trgm extracts no trigrams from Chinese under " + ctype + ": " + trigrams);
            }
            System.out.println("postgres: LC_CTYPE " + ctype + ", show_trgm('锂离子电池') = {" + trigrams + "}");
        }
        try (Connection c = server.connect("c_locale"); Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION pg_trgm");
            String trigrams = single(st, "SELECT array_to_string(show_trgm('锂离子电池'), ',')");
            if (!trigrams.isEmpty()) {
                throw new IllegalStateException("expected no trigrams under LC_CTYPE C, got " + trigrams);
            }
            System.out.println("postgres: under LC_CTYPE C, show_trgm('锂离子电池') = {} (no trigrams)");
        }
        return server;
    }

    private static String single(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            String v = rs.getString(1);
            return v == null ? "" : v;
        }
    }

    public Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("password", "postgres");
        props.setProperty("reWriteBatchedInserts", "true");
        Connection c = new org.postgresql.Driver().connect(
                "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database, props);
        if (c == null) {
            throw new SQLException("driver rejected the URL");
        }
        return c;
    }

    public Connection connect() throws SQLException {
        return connect(DATABASE);
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}

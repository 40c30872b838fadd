package io.kechuang.demand;

import io.kechuang.testing.KechuangTestResource;
import io.kechuang.infra.PostgresServer;
import io.kechuang.testing.SharedInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the {@link OwnDatabase} profile's own, kept on disk so that it can stop, or crash, and start
 * again on the same data and port. The rest (Kafka, tokens) is the shared test infrastructure.
 */
public class OwnPostgres implements QuarkusTestResourceLifecycleManager {

    static final String DATABASE = "demands";

    private static Path dir;
    private static int port;
    private static PostgresServer server;

    @Override
    public Map<String, String> start() {
        try {
            dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "pg-outage-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = PostgresServer.start(dir, 0, true);
        port = server.port();
        server.createDatabase(DATABASE);
        Map<String, String> config = new HashMap<>(KechuangTestResource.config(SharedInfrastructure.get(), DATABASE));
        config.put("quarkus.datasource.jdbc.url", server.jdbcUrl(DATABASE));
        config.put("quarkus.datasource.username", server.username());
        config.put("quarkus.datasource.password", server.password());
        return config;
    }

    static int port() {
        return port;
    }

    /** A clean stop ({@code pg_ctl stop -m fast}): connections are cut, the port refuses new ones. */
    static synchronized void stopServer() {
        server.close();
    }

    /** {@code kill -9} of the postmaster and all its processes: nothing is flushed or shut down. */
    static synchronized void crashServer() {
        server.crash();
    }

    /** Starts the server again on the same data and port (after a crash, PostgreSQL runs crash recovery first). */
    static synchronized void restartServer() {
        server = PostgresServer.start(dir, port, true);
    }

    /** Restarts the server unless it runs: for a test's {@code finally}, so that a failed test leaves it up. */
    static synchronized void ensureRunning() {
        if (!server.isRunning()) {
            restartServer();
        }
    }

    /** A connection of the test's own to the service's database, bypassing the service. */
    static synchronized Connection connect() throws SQLException {
        return server.connection(DATABASE);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

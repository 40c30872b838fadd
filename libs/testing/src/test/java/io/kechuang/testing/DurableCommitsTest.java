package io.kechuang.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import io.kechuang.infra.PostgresServer;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class DurableCommitsTest {

    @Test
    void theEmbeddedServerCommitsDurablyAndASessionThatDoesNotIsCaught() throws Exception {
        try (PostgresServer server = PostgresServer.startTemporary()) {
            server.createDatabase("durable");
            server.createDatabase("fast_and_loose");
            assertEquals(Map.of("fsync", "on", "full_page_writes", "on", "synchronous_commit", "on"),
                    DurableCommits.settings(dataSource(server, "durable")));
            assertDoesNotThrow(() -> DurableCommits.assertDurable(dataSource(server, "durable")));

            // A per-database setting beats the server's command line, and only a session sees it.
            try (Connection c = server.connection("postgres"); Statement st = c.createStatement()) {
                st.execute("alter database fast_and_loose set synchronous_commit = off");
            }
            AssertionError caught = assertThrows(AssertionError.class,
                    () -> DurableCommits.assertDurable(dataSource(server, "fast_and_loose")));
            assertTrue(caught.getMessage().contains("[synchronous_commit] off"), caught.getMessage());
        }
    }

    private static PGSimpleDataSource dataSource(PostgresServer server, String db) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(server.jdbcUrl(db));
        ds.setUser(server.username());
        ds.setPassword(server.password());
        return ds;
    }
}

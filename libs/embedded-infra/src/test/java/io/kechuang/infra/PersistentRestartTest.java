package io.kechuang.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The servers as deploy/local uses them: a data folder kept across restarts. */
class PersistentRestartTest {

    @TempDir
    Path dir;

    @Test
    void kafkaKeepsTopicsRecordsAndClusterIdAcrossRestart() throws Exception {
        Path data = dir.resolve("kafka");
        String clusterId;
        int brokerPort;
        int controllerPort;
        try (KafkaKraftBroker broker = KafkaKraftBroker.start(data, 0, 0)) {
            clusterId = broker.clusterId();
            brokerPort = broker.brokerPort();
            controllerPort = broker.controllerPort();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("persist.me", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            Records.send(broker.bootstrapServers(), "persist.me", "k", "survives restarts");
        }
        assertTrue(Files.exists(data.resolve("logs/meta.properties")));
        assertEquals(clusterId, Files.readString(data.resolve("cluster.id")).trim());

        // deploy/local restarts on the same fixed ports
        try (KafkaKraftBroker again = KafkaKraftBroker.start(data, brokerPort, controllerPort)) {
            assertEquals(clusterId, again.clusterId());
            assertEquals("127.0.0.1:" + brokerPort, again.bootstrapServers());
            assertEquals("survives restarts",
                    Records.valueOf(again.bootstrapServers(), "persist.me", "k", Duration.ofSeconds(20)));
        }
        assertTrue(Files.exists(data.resolve("logs/meta.properties")), "persistent data kept after close");
    }

    @Test
    void temporaryKafkaIsDeletedOnClose() {
        Path data;
        try (KafkaKraftBroker broker = KafkaKraftBroker.startTemporary()) {
            data = broker.dataDir();
            assertTrue(Files.exists(data.resolve("logs/meta.properties")));
        }
        assertFalse(Files.exists(data));
    }

    @Test
    void postgresKeepsDataAcrossRestartOnFixedPort() throws Exception {
        Path data = dir.resolve("pg");
        int port;
        try (PostgresServer pg = PostgresServer.start(data, 0, true)) {
            port = pg.port();
            pg.createDatabase("platform");
            try (Connection c = pg.connection("platform"); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE org (id UUID PRIMARY KEY, name TEXT)");
                st.execute("INSERT INTO org VALUES ('6f1c2a9e-0000-4000-8000-000000000001', '清华大学')");
            }
        }
        assertTrue(Files.exists(data.resolve("pgdata/PG_VERSION")));
        try (PostgresServer pg = PostgresServer.start(data, port, true)) {
            assertEquals(port, pg.port());
            pg.createDatabase("platform"); // exists: no-op
            try (Connection c = pg.connection("platform"); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT name FROM org")) {
                assertTrue(rs.next());
                assertEquals("清华大学", rs.getString(1));
            }
        }
        assertTrue(Files.exists(data.resolve("pgdata/PG_VERSION")), "persistent data kept after close");
        assertFalse(Files.exists(data.resolve("pgdata/postmaster.pid")), "server stopped");
    }

    @Test
    void everyServerCommitsDurably() throws Exception {
        try (PostgresServer pg = PostgresServer.startTemporary(); Connection c = pg.connection("postgres");
                Statement st = c.createStatement()) {
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                try (ResultSet rs = st.executeQuery("SHOW " + setting)) {
                    assertTrue(rs.next());
                    assertEquals("on", rs.getString(1), setting);
                }
            }
        }
    }

    @Test
    void postgresKeepsEveryAcknowledgedCommitThroughAKillDashNine() throws Exception {
        Path data = dir.resolve("pg-crash");
        PostgresServer pg = PostgresServer.start(data, 0, true);
        int port = pg.port();
        int acknowledged = 0;
        try (Connection c = pg.connection("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE ledger (n INT PRIMARY KEY)");
            for (int n = 1; n <= 300; n++) {
                st.execute("INSERT INTO ledger VALUES (" + n + ")"); // autocommit: acknowledged once this returns
                acknowledged = n;
            }
            long postmaster = pg.postmaster().orElseThrow().pid();
            pg.crash();
            assertFalse(ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false), "postmaster killed");
            assertFalse(pg.isRunning());
        }
        try (PostgresServer again = PostgresServer.start(data, port, true); Connection c = again.connection("postgres");
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*), max(n) FROM ledger")) {
            assertTrue(again.isRunning());
            assertTrue(rs.next());
            assertEquals(acknowledged, rs.getInt(1), "every acknowledged insert survives the crash");
            assertEquals(acknowledged, rs.getInt(2));
        }
    }

    @Test
    void temporaryPostgresIsDeletedOnClose() throws Exception {
        Path data;
        try (PostgresServer pg = PostgresServer.startTemporary()) {
            data = pg.dataDir();
            try (Connection c = pg.connection("postgres"); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT 1")) {
                assertTrue(rs.next());
            }
            // the Unix socket sits under the data folder, not in /tmp
            try (var files = Files.list(data.resolve("run"))) {
                assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith(".s.PGSQL.")));
            }
        }
        assertFalse(Files.exists(data));
    }
}

package io.kechuang.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.server.fault.ProcessTerminatingFaultHandler;
import org.apache.kafka.storage.internals.checkpoint.CleanShutdownFileHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a supervisor of the broker (deploy/local's launcher) relies on: it learns when and why the broker stopped. */
class KafkaKraftBrokerShutdownTest {

    @TempDir
    Path dir;

    @Test
    void aCrashIsReportedAndARestartOnTheSameFolderAndPortsRecoversTheRecords() throws Exception {
        Path data = dir.resolve("kafka");
        Path cleanShutdownMarker = data.resolve("logs").resolve(CleanShutdownFileHandler.CLEAN_SHUTDOWN_FILE_NAME);
        KafkaKraftBroker broker = KafkaKraftBroker.start(data, 0, 0);
        int brokerPort = broker.brokerPort();
        int controllerPort = broker.controllerPort();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("before.crash", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Records.send(broker.bootstrapServers(), "before.crash", "k", "written before the crash");

        CompletableFuture<String> down = broker.onShutdown();
        assertFalse(down.isDone());
        assertTrue(broker.isRunning());
        broker.crash();
        assertEquals("crash() on purpose", down.getNow("not yet"), "the owner hears of it, and why");
        assertFalse(broker.isRunning());
        assertFalse(Files.exists(cleanShutdownMarker), "the next start recovers the logs as after a crash");
        assertPortFree(brokerPort);
        assertPortFree(controllerPort);
        assertThrows(IllegalStateException.class, broker::crash);
        broker.close();
        assertEquals("crash() on purpose", broker.onShutdown().getNow("not yet"),
                "close() after a crash changes nothing");

        try (KafkaKraftBroker again = KafkaKraftBroker.start(data, brokerPort, controllerPort)) {
            assertEquals("written before the crash",
                    Records.valueOf(again.bootstrapServers(), "before.crash", "k", Duration.ofSeconds(20)));
            again.close();
            assertEquals("closed", again.onShutdown().getNow("not yet"));
        }
        assertTrue(Files.exists(cleanShutdownMarker), "a close, unlike a crash, leaves the marker");
    }

    @Test
    void aFatalErrorInsideKafkaStopsTheSupervisedBrokerInsteadOfTheJvm() throws Exception {
        try (KafkaKraftBroker plain = KafkaKraftBroker.start(dir.resolve("plain"), 0, 0);
                KafkaKraftBroker supervised = KafkaKraftBroker.startSupervised(dir.resolve("supervised"), 0, 0)) {
            // What Kafka does on a fatal fault (a metadata record it cannot apply, say): by default, Exit.halt(1).
            new ProcessTerminatingFaultHandler.Builder().build()
                    .handleFault("a fatal fault, on purpose", new IllegalStateException("for the test"));

            String cause = supervised.onShutdown().get(60, TimeUnit.SECONDS); // this JVM is still here to see it
            assertTrue(cause.startsWith("a fatal error inside Kafka (it called Exit.halt(1"), cause);
            assertFalse(supervised.isRunning());
            assertPortFree(supervised.brokerPort());
            assertTrue(plain.isRunning(), "a broker nobody supervises is left alone");
            assertFalse(plain.onShutdown().isDone());
        }
    }

    private static void assertPortFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertTrue(socket.isBound());
        } catch (IOException e) {
            throw new AssertionError("port " + port + " is still taken", e);
        }
    }
}

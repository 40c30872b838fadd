package io.kechuang.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * What the reliability harness asks of the launcher: the Kafka broker in a process of its own
 * ({@link Options.Builder#kafkaInChildProcess()}), which a kill -9 takes down and the supervisor brings back on the
 * same ports, and services that are started again when they die ({@link Options.Builder#restartServices()}) instead
 * of stopping the platform.
 */
class KillableProcessesTest {

    private static final String SERVICE = "achievement-service";
    private static final Path ROOT = Path.of("target", "killable-processes-test").toAbsolutePath();
    private static final Duration RECOVERY = Duration.ofSeconds(300);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aKilledBrokerProcessAndAKilledServiceComeBackUnderTheRunningPlatform() throws Exception {
        deleteTree(ROOT);
        Options options = Options.builder().root(ROOT).randomPorts().services(SERVICE).kafkaInChildProcess()
                .restartServices().readyTimeout(Duration.ofSeconds(300)).progress(Progress.silent()).build();
        ProcessHandle lastBroker;
        try (RunningPlatform platform = LocalPlatform.start(options)) {
            ProcessHandle broker = platform.kafkaProcess().orElseThrow();
            assertTrue(broker.isAlive());
            assertTrue(broker.parent().map(p -> p.pid() == ProcessHandle.current().pid()).orElse(false),
                    "the broker is a child of the launcher");
            String bootstrap = platform.kafkaBootstrapServers();

            platform.crashKafka(); // kill -9
            await(() -> !platform.infrastructureRestarts().isEmpty(), "Kafka to be restarted");
            InfrastructureRestart restart = platform.infrastructureRestarts().getFirst();
            assertEquals("Kafka", restart.server());
            assertTrue(restart.cause().endsWith("exited with code 137"), restart.cause());
            lastBroker = platform.kafkaProcess().orElseThrow();
            assertNotEquals(broker.pid(), lastBroker.pid());
            assertEquals(bootstrap, platform.kafkaBootstrapServers(), "on the same port");

            long servicePid = platform.process(SERVICE).pid();
            URI management = platform.managementUrls().get(SERVICE);
            platform.process(SERVICE).destroyForcibly();
            await(() -> !platform.serviceRestarts().isEmpty(), SERVICE + " to be started again");
            assertEquals(SERVICE, platform.serviceRestarts().getFirst().server());
            assertEquals("exited with code 137", platform.serviceRestarts().getFirst().cause());
            assertNotEquals(servicePid, platform.process(SERVICE).pid());
            assertEquals(management, platform.managementUrls().get(SERVICE), "on the same ports");
            await(() -> ready(management), SERVICE + " to be ready again (it finds the restarted broker)");
            assertTrue(platform.awaitStopped(Duration.ZERO).isEmpty(), "the platform still runs");
            assertTrue(platform.failure().isEmpty());
        }
        assertFalse(lastBroker.isAlive(), "the broker's process stopped with the platform");
    }

    private boolean ready(URI management) {
        try {
            return http.send(HttpRequest.newBuilder(management.resolve("/q/health/ready")).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void await(BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + RECOVERY.toSeconds() + " s for " + what);
            }
            Thread.sleep(250);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> tree = Files.walk(root)) {
                for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}

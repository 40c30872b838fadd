package io.kechuang.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Kafka broker as a child JVM of the launcher ({@link KafkaChild} on the launcher's own class path), so that it
 * can be killed outright, as the reliability harness does. Same folder, ports and settings as the broker in the
 * launcher's JVM; its output goes to {@code logs/kafka.log}. Its standard input is a pipe from the launcher: when the
 * launcher dies, even by kill -9, the pipe ends and the broker stops.
 */
final class KafkaProcess implements KafkaNode {

    /** Formatting and starting take 3 to 5 s; a recovery after kill -9 on a loaded machine takes longer. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final String HEAP = "-Xmx384m";

    private final Process process;
    private final int brokerPort;
    private final int controllerPort;
    private final OutputStream lifeline;

    private KafkaProcess(Process process, int brokerPort, int controllerPort) {
        this.process = process;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.lifeline = process.getOutputStream();
    }

    /** Starts the broker's JVM and returns once the broker answers; throws if it does not within 90 s. */
    static KafkaProcess start(Layout layout, int brokerPort, int controllerPort) {
        int bp = brokerPort != 0 ? brokerPort : freePort(-1);
        int cp = controllerPort != 0 ? controllerPort : freePort(bp);
        Path ready = layout.kafka().resolve("child.ready");
        Path log = layout.log("kafka");
        try {
            Files.createDirectories(layout.kafka());
            Files.createDirectories(log.getParent());
            Files.createDirectories(layout.tmp());
            Files.deleteIfExists(ready);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add(HEAP);
            command.add("-Djava.io.tmpdir=" + layout.tmp());
            command.add("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
            command.add("--enable-native-access=ALL-UNNAMED");
            if (Runtime.version().feature() >= 23) {
                command.add("--sun-misc-unsafe-memory-access=allow"); // Kafka still calls sun.misc.Unsafe
            }
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(KafkaChild.class.getName());
            command.addAll(List.of(layout.kafka().toString(), String.valueOf(bp), String.valueOf(cp), ready.toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(log.toFile())).start();
            KafkaProcess kafka = new KafkaProcess(process, bp, cp);
            kafka.awaitReady(ready, log);
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Kafka's process (see " + log + ")", e);
        }
    }

    private void awaitReady(Path ready, Path log) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.exists(ready)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka's process exited while starting (code " + process.exitValue()
                        + "); see " + log);
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("Kafka's process was not ready within " + START_TIMEOUT.toSeconds()
                        + " s; see " + log);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new IllegalStateException("interrupted while Kafka started", e);
            }
        }
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    @Override
    public int brokerPort() {
        return brokerPort;
    }

    @Override
    public int controllerPort() {
        return controllerPort;
    }

    @Override
    public CompletableFuture<String> onShutdown() {
        long pid = process.pid();
        return process.onExit().thenApply(p -> "its process, pid " + pid + ", exited with code " + p.exitValue());
    }

    @Override
    public Optional<ProcessHandle> process() {
        return Optional.of(process.toHandle());
    }

    /** SIGTERM (the broker shuts down cleanly), SIGKILL after 30 s. Idempotent. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            lifeline.close();
        } catch (IOException e) {
            // the process is gone
        }
    }

    private static int freePort(int avoid) {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (socket.getLocalPort() != avoid) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("No free port", e);
            }
        }
    }

    @Override
    public String toString() {
        return "KafkaProcess[" + bootstrapServers() + ", pid " + process.pid() + "]";
    }
}

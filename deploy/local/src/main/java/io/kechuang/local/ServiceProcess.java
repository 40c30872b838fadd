package io.kechuang.local;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.kechuang.local.KnownServices.ServiceSpec;

/**
 * One service running as a child process: {@code java -jar services/<name>/target/quarkus-app/quarkus-run.jar}
 * with the same JDK as the launcher, configured through its environment, its output in {@code logs/<name>.log}
 * (the previous run's in {@code <name>.log.1}), working in its own data folder.
 */
final class ServiceProcess {

    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);
    private static final Pattern STACK_FRAME = Pattern.compile("\\s+(at |\\.\\.\\. \\d+ more)");

    private final ServiceSpec spec;
    private final int port;
    private final int managementPort;
    private final Path log;
    private final Path pidFile;
    private final Process process;
    private final Path repoRoot;
    private final Layout layout;
    private final Map<String, String> environment;
    private final long startedAt = System.nanoTime();

    private ServiceProcess(ServiceSpec spec, int port, int managementPort, Path log, Path pidFile, Process process,
            Path repoRoot, Layout layout, Map<String, String> environment) {
        this.repoRoot = repoRoot;
        this.layout = layout;
        this.environment = Map.copyOf(environment);
        this.spec = spec;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
        this.pidFile = pidFile;
        this.process = process;
    }

    /**
     * Starts the service; returns at once (see {@link #isReady(HttpClient)}).
     *
     * @param managementPort where it serves health and metrics (its management interface)
     * @param environment what the service is configured with, on top of the launcher's own environment
     */
    static ServiceProcess start(ServiceSpec spec, int port, int managementPort, Path repoRoot, Layout layout,
            Map<String, String> environment) {
        Path dataDir = layout.serviceData(spec.name());
        Path log = layout.log(spec.name());
        Path pidFile = layout.pidFile(spec.name());
        try {
            Files.createDirectories(dataDir.resolve("tmp"));
            Files.createDirectories(log.getParent());
            if (Files.exists(log)) {
                Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Djava.io.tmpdir=" + dataDir.resolve("tmp"));
            command.addAll(spec.jvmOptions());
            command.add("-jar");
            command.add(spec.runnerJar(repoRoot).toString());

            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(dataDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(log.toFile()))
                    .redirectInput(Redirect.from(new File("/dev/null")));
            builder.environment().putAll(environment);
            Process process = builder.start();
            Files.writeString(pidFile, process.pid() + "\n" + spec.runnerJar(repoRoot) + "\n", StandardCharsets.UTF_8);
            return new ServiceProcess(spec, port, managementPort, log, pidFile, process, repoRoot, layout, environment);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + spec.name() + " (see " + log + ")", e);
        }
    }

    /**
     * Stops a process of {@code spec} that a launcher killed without warning left behind (its pid file is still
     * there and the pid runs that service's jar). Returns the pid it stopped.
     */
    static Optional<Long> stopLeftover(ServiceSpec spec, Layout layout, Duration timeout) {
        Path pidFile = layout.pidFile(spec.name());
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            Files.deleteIfExists(pidFile);
            if (lines.size() < 2) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).strip());
            String jar = lines.get(1).strip();
            Optional<ProcessHandle> handle = ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().arguments().map(a -> Arrays.asList(a).contains(jar)).orElse(false));
            handle.ifPresent(h -> terminate(h, timeout));
            return handle.map(ProcessHandle::pid);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** SIGTERM (Quarkus shuts down gracefully), then SIGKILL after {@code timeout}. True if it had to kill. */
    private static boolean terminate(ProcessHandle handle, Duration timeout) {
        handle.destroy();
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return false;
        } catch (Exception notInTime) {
            if (notInTime instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            handle.destroyForcibly();
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
            return true;
        }
    }

    /** Starts the service again, as it was started (ports, configuration); returns at once. */
    ServiceProcess restart() {
        return start(spec, port, managementPort, repoRoot, layout, environment);
    }

    ServiceSpec spec() {
        return spec;
    }

    String name() {
        return spec.name();
    }

    int port() {
        return port;
    }

    /** The port of its management interface: health ({@code /q/health}) and metrics ({@code /q/metrics}). */
    int managementPort() {
        return managementPort;
    }

    Path log() {
        return log;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** The exit code; only once it has exited. */
    int exitCode() {
        return process.exitValue();
    }

    Duration uptime() {
        return Duration.ofNanos(System.nanoTime() - startedAt);
    }

    /** {@code http://127.0.0.1:<port>}. */
    URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** {@code http://127.0.0.1:<management port>}: health and metrics, which the public port does not serve. */
    URI managementUri() {
        return URI.create("http://127.0.0.1:" + managementPort);
    }

    /**
     * GET /q/health/ready on the management interface answers 200: the database and Kafka are reachable and the app
     * is up.
     */
    boolean isReady(HttpClient http) {
        HttpRequest request = HttpRequest.newBuilder(managementUri().resolve("/q/health/ready"))
                .timeout(HEALTH_TIMEOUT).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Stops the service: SIGTERM, up to {@code timeout} for its graceful shutdown, then SIGKILL. Returns whether
     * it had to be killed.
     */
    boolean stop(Duration timeout) {
        boolean killed = process.isAlive() && terminate(process.toHandle(), timeout);
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // a leftover pid file is checked against the running jar before anything is stopped
        }
        return killed;
    }

    /** The last {@code n} lines of its log, stack frames left out (the exceptions and their causes stay). */
    List<String> lastLogLines(int n) {
        return lastLines(log, n);
    }

    /** The last {@code n} lines of {@code log}, stack frames left out (the exceptions and their causes stay). */
    static List<String> lastLines(Path log, int n) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            long from = Math.max(0, length - 64 * 1024);
            byte[] bytes = new byte[(int) (length - from)];
            file.seek(from);
            file.readFully(bytes);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines()
                    .filter(line -> !STACK_FRAME.matcher(line).lookingAt()).toList();
            return lines.subList(Math.max(0, lines.size() - n), lines.size());
        } catch (IOException e) {
            return List.of("(could not read " + log + ": " + e.getMessage() + ")");
        }
    }
}

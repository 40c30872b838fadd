package io.kechuang.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.kechuang.local.DemoData;
import io.kechuang.local.KnownServices;
import io.kechuang.local.LocalPlatform;
import io.kechuang.local.Options;
import io.kechuang.local.Progress;
import io.kechuang.local.RunningPlatform;

/**
 * The real platform, started through {@code deploy/local}'s launcher so that every part can be killed: the four
 * services as child processes that the launcher restarts when they die, the Kafka broker as a child JVM of its own,
 * PostgreSQL as its own postmaster, and between each service and PostgreSQL a {@link DatabaseProxy} that can cut
 * that service off. Random ports, a fresh folder; Kafka and PostgreSQL are restarted however often they die.
 */
public final class HarnessPlatform implements AutoCloseable {

    /**
     * The demo data's prefix the platform starts with (as {@code --demo} does): a coherent demo (the papers the first
     * demands are about come first), small enough for CI. The end-to-end test reads what it loaded.
     */
    public static final DemoData.Size DEMO = new DemoData.Size(24, 8);

    private final RunningPlatform platform;
    private final Map<String, DatabaseProxy> proxies;
    private final Path repoRoot;

    private HarnessPlatform(RunningPlatform platform, Map<String, DatabaseProxy> proxies, Path repoRoot) {
        this.platform = platform;
        this.proxies = proxies;
        this.repoRoot = repoRoot;
    }

    /** Starts everything on a fresh {@code root} (deleted first); returns once every service is ready. */
    public static HarnessPlatform start(Path root, Progress progress) {
        deleteTree(root);
        // PostgreSQL's port is fixed before the start, so that the proxies know where to forward from the first
        // connection on (a restarted PostgreSQL comes back on the same port).
        int postgresPort = freePort();
        Map<String, DatabaseProxy> proxies = new LinkedHashMap<>();
        Options.Builder options = Options.builder().repoRoot(locateRepository()).root(root).randomPorts().postgresPort(postgresPort)
                .kafkaInChildProcess().restartServices().restartLimit(10_000, Duration.ofMinutes(1))
                .readyTimeout(Duration.ofSeconds(240)).progress(progress).demo(DEMO)
                // Raised for platform-level tests: the fuzz suite sends thousands of requests as one subject, and
                // its hostile sign-ins would lock the demo accounts.
                .serviceConfig("kechuang.gateway.rate-limit.requests", "1000000")
                .serviceConfig("kechuang.gateway.login.max-failures-per-account", "1000000")
                .serviceConfig("kechuang.gateway.login.max-failures-per-address", "1000000");
        for (KnownServices.ServiceSpec spec : KnownServices.ALL) {
            DatabaseProxy proxy = DatabaseProxy.start(spec.name(), () -> postgresPort);
            proxies.put(spec.name(), proxy);
            options.databasePort(spec.name(), proxy.port());
        }
        try {
            Options built = options.build();
            return new HarnessPlatform(LocalPlatform.start(built), proxies, built.repoRoot());
        } catch (RuntimeException e) {
            proxies.values().forEach(DatabaseProxy::close);
            throw e;
        }
    }

    public RunningPlatform platform() {
        return platform;
    }

    /** The repository whose built services run. */
    public Path repoRoot() {
        return repoRoot;
    }

    /** The proxy between {@code service} and PostgreSQL. */
    public DatabaseProxy proxy(String service) {
        return proxies.get(service);
    }

    public Map<String, DatabaseProxy> proxies() {
        return proxies;
    }

    @Override
    public void close() {
        proxies.values().forEach(DatabaseProxy::restore);
        try {
            platform.close();
        } finally {
            proxies.values().forEach(DatabaseProxy::close);
        }
    }

    /**
     * The repository whose services run: {@code -Dkechuang.repo}, else the first folder above the working directory
     * that holds {@code deploy/local/pom.xml} (this module's classes come from a jar in a Maven repository, where the
     * launcher cannot find it by itself).
     */
    private static Path locateRepository() {
        String explicit = System.getProperty("kechuang.repo");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("deploy/local/pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("Not inside the Kechuang repository: set -Dkechuang.repo");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not clear " + root, e);
        }
    }
}

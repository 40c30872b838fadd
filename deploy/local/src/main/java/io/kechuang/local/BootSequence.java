package io.kechuang.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import io.kechuang.infra.PostgresServer;
import io.kechuang.local.KnownServices.ServiceSpec;

/**
 * Brings a {@link RunningPlatform} up, step by step: the folder and its lock, which services to run, leftovers of a
 * killed launcher, the fixed ports, Kafka and PostgreSQL (in parallel), the services, their readiness, the demo
 * accounts, the demo data, and {@code platform.properties}. Each piece started is handed to the platform at once
 * ({@link RunningPlatform#adopt}), so that a failed start stops exactly what had started; the stopping is the
 * caller's ({@link RunningPlatform#close()}).
 */
final class BootSequence {

    private static final Duration READY_POLL = Duration.ofMillis(250);
    private static final Duration WAITING_NOTE_EVERY = Duration.ofSeconds(5);
    /** What {@code --demo} writes to: achievements, demands, and the suggestions it reports. */
    private static final List<String> DEMO_NEEDS = List.of("achievement-service", "demand-service", "matching-service");

    private final RunningPlatform platform;
    private final PlatformSupervisor supervisor;
    private final Options options;
    private final Layout layout;
    private final Progress progress;
    private DemoAccounts.AdminPassword adminPassword;

    BootSequence(RunningPlatform platform, PlatformSupervisor supervisor) {
        this.platform = platform;
        this.supervisor = supervisor;
        this.options = platform.options();
        this.layout = options.layout();
        this.progress = options.progress();
    }

    /** Brings everything up; on failure throws, leaving the stopping to the caller. */
    void run() {
        long t0 = System.nanoTime();
        progress.info("Kechuang local platform, data in " + layout.root());
        try {
            Files.createDirectories(layout.logs());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + layout.root(), e);
        }
        platform.adopt(LauncherLock.acquire(layout.lock()));
        List<ServiceSpec> chosen = chooseServices();
        stopLeftovers();
        checkFixedPortsFree(chosen);

        adminPassword = DemoAccounts.adminPassword(layout);
        platform.adminPassword(adminPassword);

        startInfrastructure();
        if (!chosen.isEmpty()) {
            startServices(chosen);
            try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
                awaitServicesReady(http);
            }
            setUpDemoAccounts();
            loadDemoData();
        }
        supervisor.platformUp();
        Optional<ChildFailure> early = supervisor.failure();
        if (early.isPresent()) { // died between its readiness and now: the supervisor did not stop the platform
            throw new PlatformStartException(early.get().service() + " " + early.get().reason(), early.get(), null);
        }
        writePlatformProperties();
        progress.info(String.format("%nUp in %.1f s.%n", (System.nanoTime() - t0) / 1e9) + platform.summary());
    }

    private List<ServiceSpec> chooseServices() {
        Path repo = options.repoRoot();
        List<ServiceSpec> chosen = new ArrayList<>();
        List<String> notBuilt = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (ServiceSpec spec : KnownServices.ALL) {
            if (!options.wants(spec)) {
                continue;
            }
            if (spec.built(repo)) {
                chosen.add(spec);
            } else if (spec.moduleExists(repo)) {
                notBuilt.add(spec.name());
            } else {
                absent.add(spec.name());
            }
        }
        if (!options.services().isEmpty() && (!notBuilt.isEmpty() || !absent.isEmpty())) {
            List<String> missing = new ArrayList<>(notBuilt);
            missing.addAll(absent);
            throw new IllegalStateException("Not built in " + repo + ": " + String.join(", ", missing)
                    + " (no target/quarkus-app/quarkus-run.jar; build with mvn install -DskipTests)");
        }
        if (!chosen.isEmpty() && chosen.stream().noneMatch(ServiceSpec::issuesTokens)) {
            throw new IllegalStateException("The gateway is not built in " + repo + ", and nobody can sign in without"
                    + " it: build it (mvn install -DskipTests) or run deploy/local/run without --no-build");
        }
        if (options.demo().isPresent()) {
            List<String> needed = new ArrayList<>(DEMO_NEEDS);
            chosen.forEach(spec -> needed.remove(spec.name()));
            if (!needed.isEmpty()) {
                throw new IllegalStateException("--demo needs " + String.join(", ", DEMO_NEEDS) + " and the gateway; "
                        + "not started: " + String.join(", ", needed) + (options.services().isEmpty()
                        ? " (not built: build with mvn install -DskipTests)" : " (add them to --services)"));
            }
        }
        StringBuilder line = new StringBuilder("Services: ")
                .append(chosen.isEmpty() ? "none built" : chosen.stream().map(ServiceSpec::name).collect(Collectors.joining(", ")));
        if (!notBuilt.isEmpty()) {
            line.append("; not built, skipped: ").append(String.join(", ", notBuilt));
        }
        if (!absent.isEmpty()) {
            line.append("; not in this checkout yet: ").append(String.join(", ", absent));
        }
        progress.info(line.toString());
        return chosen;
    }

    /** Services left running by a launcher that was killed outright (kill -9) still hold their ports: stop them. */
    private void stopLeftovers() {
        for (ServiceSpec spec : KnownServices.ALL) {
            ServiceProcess.stopLeftover(spec, layout, options.stopTimeout()).ifPresent(pid -> progress.info(
                    "Stopped " + spec.name() + " (pid " + pid + "), left running by an earlier launcher"));
        }
    }

    private void checkFixedPortsFree(List<ServiceSpec> chosen) {
        Map<Integer, String> wanted = new LinkedHashMap<>();
        wanted.put(options.kafkaPort(), "Kafka (--kafka-port)");
        wanted.put(options.kafkaControllerPort(), "the Kafka controller (--kafka-controller-port)");
        // A postmaster of this folder that outlived its launcher is stopped by PostgresServer itself.
        if (!Files.exists(layout.postgres().resolve("pgdata/postmaster.pid"))) {
            wanted.put(options.postgresPort(), "PostgreSQL (--postgres-port)");
        }
        for (ServiceSpec spec : chosen) {
            wanted.put(options.portOf(spec), spec.name() + " (--port " + spec.name() + "=N)");
            wanted.put(options.managementPortOf(spec), spec.name() + "'s management interface (--management-port "
                    + spec.name() + "=N)");
        }
        wanted.remove(0);
        for (Map.Entry<Integer, String> e : wanted.entrySet()) {
            if (!portFree(e.getKey())) {
                throw new IllegalStateException("Port " + e.getKey() + " for " + e.getValue() + " is already in use."
                        + " Is the platform already running (another folder?) or another server on that port?"
                        + " Stop it, or choose another port.");
            }
        }
    }

    private void startInfrastructure() {
        progress.info("Starting Kafka (KRaft) and PostgreSQL ...");
        CompletableFuture<Timed<KafkaNode>> kafkaStart = inThread("start-kafka", () -> KafkaNode.start(layout,
                options.kafkaPort(), options.kafkaControllerPort(), options.kafkaInChildProcess()));
        CompletableFuture<Timed<PostgresServer>> postgresStart = inThread("start-postgres", () -> PostgresServer.start(
                layout.postgres(), options.postgresPort(), true, layout.postgresBinaries()));
        RuntimeException error = null;
        try {
            Timed<KafkaNode> k = kafkaStart.join();
            supervisor.watch(platform.adopt(k.value()));
            progress.info(String.format("  Kafka (KRaft)        %-22s ready in %.1f s", k.value().bootstrapServers(),
                    k.seconds()));
        } catch (RuntimeException e) {
            error = new IllegalStateException("Kafka did not start: " + PlatformStartException.rootMessage(e)
                    + " (see " + layout.launcherLog() + ")", e);
        }
        try {
            Timed<PostgresServer> p = postgresStart.join();
            supervisor.watch(platform.adopt(p.value()));
            if (adminPassword.madeNow()) {
                forgetGatewayIdentities(p.value());
            }
            for (ServiceSpec spec : KnownServices.ALL) {
                p.value().createDatabase(spec.database());
            }
            linkPostgresLog();
            progress.info(String.format("  PostgreSQL           %-22s ready in %.1f s, databases %s",
                    "127.0.0.1:" + p.value().port(), p.seconds(),
                    KnownServices.ALL.stream().map(ServiceSpec::database).collect(Collectors.joining(", "))));
        } catch (RuntimeException e) {
            RuntimeException pg = new IllegalStateException("PostgreSQL did not start: "
                    + PlatformStartException.rootMessage(e) + " (see " + layout.postgres().resolve("postgres.log") + ")",
                    e);
            if (error == null) {
                error = pg;
            } else {
                error.addSuppressed(pg);
            }
        }
        if (error != null) {
            throw error;
        }
    }

    /**
     * A new administrator password means the gateway's database, if there is one, was made without it (by a
     * launcher before this one, or the password file was deleted): its administrator could never sign in. The
     * gateway's database starts afresh so that the gateway creates {@code admin} with the new password; the demo
     * accounts are registered again with their fixed ids, and the other services' data stays.
     */
    private void forgetGatewayIdentities(PostgresServer server) {
        for (ServiceSpec spec : KnownServices.ALL) {
            if (!spec.issuesTokens()) {
                continue;
            }
            try (Connection c = server.connection("postgres");
                    PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, spec.database());
                try (ResultSet rs = exists.executeQuery()) {
                    if (!rs.next()) {
                        continue;
                    }
                }
                try (Statement drop = c.createStatement()) {
                    drop.execute("DROP DATABASE \"" + spec.database() + "\" WITH (FORCE)");
                }
                progress.info("  New administrator password (" + layout.adminPassword() + "): the " + spec.name()
                        + "'s database '" + spec.database() + "' starts afresh");
            } catch (SQLException e) {
                throw new IllegalStateException("Could not reset the database " + spec.database(), e);
            }
        }
    }

    /** logs/postgres.log points at the server's own log, so every log is in logs/. */
    private void linkPostgresLog() {
        Path link = layout.log("postgres");
        if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createSymbolicLink(link, link.getParent().relativize(layout.postgres().resolve("postgres.log")));
            } catch (IOException | UnsupportedOperationException e) {
                // only a convenience
            }
        }
    }

    private void startServices(List<ServiceSpec> chosen) {
        Set<Integer> taken = new HashSet<>(platform.ports());
        chosen.forEach(spec -> taken.addAll(List.of(options.portOf(spec), options.managementPortOf(spec))));
        Map<ServiceSpec, Integer> portOf = new LinkedHashMap<>();
        Map<ServiceSpec, Integer> managementPortOf = new LinkedHashMap<>();
        for (ServiceSpec spec : chosen) {
            portOf.put(spec, options.portOf(spec) != 0 ? options.portOf(spec) : freePort(taken));
            managementPortOf.put(spec, options.managementPortOf(spec) != 0 ? options.managementPortOf(spec)
                    : freePort(taken));
        }
        Map<String, String> shared = new LinkedHashMap<>();
        shared.put("KAFKA_BOOTSTRAP_SERVERS", platform.kafkaBootstrapServers());
        shared.put("QUARKUS_DATASOURCE_USERNAME", platform.databaseUsername());
        shared.put("QUARKUS_DATASOURCE_PASSWORD", platform.databasePassword());
        shared.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        shared.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        // Production logs are JSON (for a log shipper); on a developer's machine they stay readable.
        shared.put("KECHUANG_LOG_JSON_ENABLED", "false");
        portOf.forEach((spec, port) -> shared.put(spec.urlVariable(), "http://127.0.0.1:" + port));
        // MicroProfile Config's environment variable name: every character other than a letter or digit becomes '_'.
        options.serviceConfig().forEach((property, value) ->
                shared.put(property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT), value));

        progress.info("Starting " + portOf.keySet().stream().map(ServiceSpec::name).collect(Collectors.joining(", "))
                + " ...");
        portOf.forEach((spec, port) -> {
            Map<String, String> env = new LinkedHashMap<>(shared);
            env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPortOf.get(spec)));
            env.put("QUARKUS_DATASOURCE_JDBC_URL", options.databasePortOf(spec)
                    .map(proxy -> PostgresServer.jdbcUrl(proxy, spec.database()))
                    .orElseGet(() -> platform.jdbcUrl(spec.database())));
            env.put("KECHUANG_DATA_DIR", layout.serviceData(spec.name()).toString());
            // The others verify tokens against KECHUANG_GATEWAY_URL/.well-known/jwks.json (in `shared`), fetched
            // when the first token arrives: their readiness does not wait for the gateway.
            if (spec.issuesTokens()) {
                env.put("KECHUANG_GATEWAY_BOOTSTRAP_ADMIN_PASSWORD", adminPassword.value());
            }
            supervisor.watch(platform.adopt(ServiceProcess.start(spec, port, managementPortOf.get(spec),
                    options.repoRoot(), layout, env)));
        });
    }

    private void awaitServicesReady(HttpClient http) {
        List<ServiceProcess> waiting = new ArrayList<>(platform.services());
        long lastNote = System.nanoTime();
        while (!waiting.isEmpty()) {
            if (platform.isClosing()) {
                throw new PlatformStartException("Stopped while starting", null, null);
            }
            for (var it = waiting.iterator(); it.hasNext();) {
                ServiceProcess service = it.next();
                if (!service.isAlive()) {
                    supervisor.recordFailure(service, "exited while starting");
                } else if (service.isReady(http)) {
                    it.remove();
                    progress.info(String.format("  %-20s http://localhost:%-5d ready in %.1f s (management port %d)",
                            service.name(), service.port(), service.uptime().toMillis() / 1e3,
                            service.managementPort()));
                } else if (service.uptime().compareTo(options.readyTimeout()) > 0) {
                    supervisor.recordFailure(service, "was not ready within " + options.readyTimeout().toSeconds()
                            + " s");
                }
                Optional<ChildFailure> failed = supervisor.failure();
                if (failed.isPresent()) {
                    throw new PlatformStartException(failed.get().service() + " " + failed.get().reason(),
                            failed.get(), null);
                }
            }
            if (!waiting.isEmpty() && System.nanoTime() - lastNote >= WAITING_NOTE_EVERY.toNanos()) {
                lastNote = System.nanoTime();
                progress.info("  ... waiting for " + waiting.stream()
                        .map(s -> s.name() + " (" + s.uptime().toSeconds() + " s)").collect(Collectors.joining(", ")));
            }
            try {
                Thread.sleep(READY_POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Registers the demo accounts in the gateway (whatever is missing), signs them in, and writes tokens.env. */
    private void setUpDemoAccounts() {
        Optional<ServiceProcess> gateway = platform.gatewayProcess();
        if (gateway.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        progress.info("Registering the demo accounts with the gateway and signing them in ...");
        DemoAccounts demo = new DemoAccounts(new GatewayClient(gateway.get().baseUri()), layout);
        demo.ensure();
        PlatformTokens tokens = demo.signInAll();
        tokens.writeEnvFile(layout.tokens(), PlatformSummary.localhost(gateway.get()), demo.credentials());
        platform.signedIn(new DemoSessions(demo, tokens));
        progress.info(String.format("  %-20s %s ready in %.1f s", "demo accounts",
                Arrays.stream(DemoUser.values()).map(DemoUser::subject).collect(Collectors.joining(", ")),
                (System.nanoTime() - t0) / 1e9));
    }

    /** {@code --demo}: loads the demo data through the gateway, as its owners (nothing that exists is created again). */
    private void loadDemoData() {
        Optional<DemoData.Size> size = options.demo();
        if (size.isEmpty() || platform.gatewayProcess().isEmpty()) {
            return;
        }
        DemoData data = DemoData.load(size.get());
        DemoSeed.Report report = new DemoSeed(platform.gatewayUrl(), data, progress)
                .load(platform.token(DemoUser.ADMIN));
        platform.demoLoaded(report);
        progress.info(String.format("  %-20s %d achievements (%d new), %d demands (%d new); %d of the demands have "
                + "suggestions, %d suggestions in all; loaded in %.1f s", "demo data", report.achievements(),
                report.achievementsCreated(), report.demands(), report.demandsCreated(),
                report.demandsWithSuggestions(), report.suggestions(), report.seconds()));
    }

    /** platform.properties: the addresses of this run, for the events command and for scripts. */
    private void writePlatformProperties() {
        StringBuilder sb = new StringBuilder("# The running local platform (deploy/local); removed when it stops.\n")
                .append("pid=").append(ProcessHandle.current().pid()).append('\n')
                .append("kafka.bootstrap.servers=").append(platform.kafkaBootstrapServers()).append('\n')
                .append("postgres.jdbc.url=").append(platform.jdbcUrl("")).append('\n')
                .append("postgres.username=").append(platform.databaseUsername()).append('\n')
                .append("postgres.password=").append(platform.databasePassword()).append('\n');
        platform.serviceUrls().forEach((name, url) -> sb.append(name).append(".url=").append(url).append('\n'));
        platform.managementUrls().forEach((name, url) -> sb.append(name).append(".management.url=").append(url)
                .append('\n'));
        try {
            Files.writeString(layout.platformProperties(), sb, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Timed<T>(T value, double seconds) {
    }

    private static <T> CompletableFuture<Timed<T>> inThread(String name, Callable<T> start) {
        CompletableFuture<Timed<T>> result = new CompletableFuture<>();
        Thread.ofPlatform().name(name).start(() -> {
            long t0 = System.nanoTime();
            try {
                T value = start.call();
                result.complete(new Timed<>(value, (System.nanoTime() - t0) / 1e9));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private static boolean portFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A free port not in {@code taken}, which it joins. */
    private static int freePort(Set<Integer> taken) {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (taken.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("No free port", e);
            }
        }
    }
}

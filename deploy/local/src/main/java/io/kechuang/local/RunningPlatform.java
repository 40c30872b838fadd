package io.kechuang.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
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
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.kechuang.local.GatewayClient.GatewayToken;
import io.kechuang.local.KnownServices.ServiceSpec;
import io.kechuang.infra.KafkaKraftBroker;
import io.kechuang.infra.PostgresServer;

/**
 * The platform once {@link LocalPlatform#start(Options)} has brought it up: where everything is, real gateway
 * tokens for the demo accounts ({@link #token(DemoUser)}), and {@link #close()}, which stops the services (SIGTERM,
 * then SIGKILL after the stop timeout), then Kafka, then PostgreSQL. The data stays.
 *
 * <p>The services are supervised: one that exits without being asked to is reported loudly (name, exit code,
 * log, the end of its log) and the whole platform stops; {@link #awaitStopped()} then returns 1.
 *
 * <p>So are Kafka and PostgreSQL ({@link InfrastructureSupervisor}): one that dies is reported and restarted on the
 * same data and ports while the services keep running ({@link #infrastructureRestarts()}); one that keeps dying, or
 * does not start again, stops the platform like a dead service.
 */
public final class RunningPlatform implements AutoCloseable {

    private static final int FAILURE_LOG_LINES = 20;
    private static final Duration READY_POLL = Duration.ofMillis(250);
    private static final Duration WAITING_NOTE_EVERY = Duration.ofSeconds(5);
    /** Ctrl-C reaches the services too (same process group); give the launcher's own handler time to say so. */
    private static final Duration EXIT_GRACE = Duration.ofMillis(300);
    /** What {@code --demo} writes to: achievements, demands, and the suggestions it reports. */
    private static final List<String> DEMO_NEEDS = List.of("achievement-service", "demand-service", "matching-service");
    /** {@link #token(DemoUser)} signs in again when its token has less than this left. */
    private static final Duration TOKEN_MARGIN = Duration.ofMinutes(1);

    private final Options options;
    private final Layout layout;
    private final Progress progress;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final CompletableFuture<Integer> stopped = new CompletableFuture<>();
    private final AtomicReference<ChildFailure> failure = new AtomicReference<>();

    private final Object state = new Object();
    private final List<ServiceProcess> services = new ArrayList<>(); // guarded by state
    private LauncherLock lock; // guarded by state
    private KafkaKraftBroker kafka; // guarded by state
    private PostgresServer postgres; // guarded by state
    private boolean closing; // guarded by state
    private final InfrastructureSupervisor<KafkaKraftBroker> kafkaSupervisor;
    private final InfrastructureSupervisor<PostgresServer> postgresSupervisor;

    private DemoAccounts.AdminPassword adminPassword;
    private volatile DemoAccounts accounts; // set once the demo accounts exist (null without a gateway)
    private final Map<DemoUser, GatewayToken> currentTokens = new EnumMap<>(DemoUser.class); // guarded by itself
    private volatile boolean running;
    private volatile DemoSeed.Report demoReport; // set once --demo has loaded the demo data

    RunningPlatform(Options options) {
        this.options = options;
        this.layout = options.layout();
        this.progress = options.progress();
        this.kafkaSupervisor = InfrastructureSupervisor.kafka(layout, new Slot<>(() -> kafka, k -> kafka = k),
                options.restartLimit(), progress);
        this.postgresSupervisor = InfrastructureSupervisor.postgres(layout,
                new Slot<>(() -> postgres, p -> postgres = p), options.restartLimit(), progress);
    }

    // ------------------------------------------------------------------------------------------ start-up

    /** Brings everything up; on failure throws, leaving the stopping to the caller ({@link #close()}). */
    void boot() {
        long t0 = System.nanoTime();
        progress.info("Kechuang local platform, data in " + layout.root());
        try {
            Files.createDirectories(layout.logs());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + layout.root(), e);
        }
        adopt(LauncherLock.acquire(layout.lock()));
        List<ServiceSpec> chosen = chooseServices();
        stopLeftovers();
        checkFixedPortsFree(chosen);

        adminPassword = DemoAccounts.adminPassword(layout);

        startInfrastructure();
        if (!chosen.isEmpty()) {
            startServices(chosen);
            awaitServicesReady();
            setUpDemoAccounts();
            loadDemoData();
        }
        running = true;
        ChildFailure early = failure.get();
        if (early != null) { // died between its readiness and now: the supervisor did not stop the platform
            throw new PlatformStartException(early.service() + " " + early.reason(), early, null);
        }
        writePlatformProperties();
        progress.info(String.format("%nUp in %.1f s.%n", (System.nanoTime() - t0) / 1e9) + summary());
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
        // Supervised: a fatal error inside Kafka stops the broker, to be restarted, instead of halting this JVM.
        CompletableFuture<Timed<KafkaKraftBroker>> kafkaStart = inThread("start-kafka", () ->
                KafkaKraftBroker.startSupervised(layout.kafka(), options.kafkaPort(), options.kafkaControllerPort()));
        CompletableFuture<Timed<PostgresServer>> postgresStart = inThread("start-postgres", () -> PostgresServer.start(
                layout.postgres(), options.postgresPort(), true, layout.postgresBinaries()));
        RuntimeException error = null;
        try {
            Timed<KafkaKraftBroker> k = kafkaStart.join();
            kafkaSupervisor.watch(adopt(k.value()));
            progress.info(String.format("  Kafka (KRaft)        %-22s ready in %.1f s", k.value().bootstrapServers(),
                    k.seconds()));
        } catch (RuntimeException e) {
            error = new IllegalStateException("Kafka did not start: " + rootMessage(e) + " (see "
                    + layout.launcherLog() + ")", e);
        }
        try {
            Timed<PostgresServer> p = postgresStart.join();
            postgresSupervisor.watch(adopt(p.value()));
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
            RuntimeException pg = new IllegalStateException("PostgreSQL did not start: " + rootMessage(e) + " (see "
                    + layout.postgres().resolve("postgres.log") + ")", e);
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
        Set<Integer> taken = new HashSet<>(ports());
        Map<ServiceSpec, Integer> portOf = new LinkedHashMap<>();
        for (ServiceSpec spec : chosen) {
            int port = options.portOf(spec) != 0 ? options.portOf(spec) : freePort(taken);
            taken.add(port);
            portOf.put(spec, port);
        }
        Map<String, String> shared = new LinkedHashMap<>();
        shared.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        shared.put("QUARKUS_DATASOURCE_USERNAME", postgres.username());
        shared.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
        shared.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        portOf.forEach((spec, port) -> shared.put(spec.urlVariable(), "http://127.0.0.1:" + port));

        progress.info("Starting " + portOf.keySet().stream().map(ServiceSpec::name).collect(Collectors.joining(", "))
                + " ...");
        portOf.forEach((spec, port) -> {
            Map<String, String> env = new LinkedHashMap<>(shared);
            env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(spec.database()));
            env.put("KECHUANG_DATA_DIR", layout.serviceData(spec.name()).toString());
            // The others verify tokens against KECHUANG_GATEWAY_URL/.well-known/jwks.json (in `shared`), fetched
            // when the first token arrives: their readiness does not wait for the gateway.
            if (spec.issuesTokens()) {
                env.put("KECHUANG_GATEWAY_BOOTSTRAP_ADMIN_PASSWORD", adminPassword.value());
            }
            ServiceProcess service = adopt(ServiceProcess.start(spec, port, options.repoRoot(), layout, env));
            service.onExit().thenRunAsync(() -> childExited(service),
                    task -> Thread.ofPlatform().daemon().name("supervise-" + spec.name()).start(task));
        });
    }

    private void awaitServicesReady() {
        List<ServiceProcess> waiting = new ArrayList<>(snapshotServices());
        long lastNote = System.nanoTime();
        while (!waiting.isEmpty()) {
            if (isClosing()) {
                throw new PlatformStartException("Stopped while starting", null, null);
            }
            for (var it = waiting.iterator(); it.hasNext();) {
                ServiceProcess service = it.next();
                if (!service.isAlive()) {
                    recordFailure(service, "exited while starting");
                } else if (service.isReady(http)) {
                    it.remove();
                    progress.info(String.format("  %-20s http://localhost:%-5d ready in %.1f s", service.name(),
                            service.port(), service.uptime().toMillis() / 1e3));
                } else if (service.uptime().compareTo(options.readyTimeout()) > 0) {
                    recordFailure(service, "was not ready within " + options.readyTimeout().toSeconds() + " s");
                }
                ChildFailure failed = failure.get();
                if (failed != null) {
                    throw new PlatformStartException(failed.service() + " " + failed.reason(), failed, null);
                }
            }
            if (!waiting.isEmpty() && System.nanoTime() - lastNote >= WAITING_NOTE_EVERY.toNanos()) {
                lastNote = System.nanoTime();
                progress.info("  ... waiting for " + waiting.stream()
                        .map(s -> s.name() + " (" + s.uptime().toSeconds() + " s)").collect(Collectors.joining(", ")));
            }
            sleep(READY_POLL);
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

    /** Registers the demo accounts in the gateway (whatever is missing), signs them in, and writes tokens.env. */
    private void setUpDemoAccounts() {
        Optional<ServiceProcess> gateway = gatewayProcess();
        if (gateway.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        progress.info("Registering the demo accounts with the gateway and signing them in ...");
        DemoAccounts demo = new DemoAccounts(new GatewayClient(gateway.get().baseUri()), layout);
        demo.ensure();
        PlatformTokens tokens = demo.signInAll();
        synchronized (currentTokens) {
            currentTokens.putAll(tokens.byUser());
        }
        tokens.writeEnvFile(layout.tokens(), localhost(gateway.get()), demo.credentials());
        accounts = demo;
        progress.info(String.format("  %-20s %s ready in %.1f s", "demo accounts",
                Arrays.stream(DemoUser.values()).map(DemoUser::subject).collect(Collectors.joining(", ")),
                (System.nanoTime() - t0) / 1e9));
    }

    /** {@code --demo}: loads the demo data through the gateway, as its owners (nothing that exists is created again). */
    private void loadDemoData() {
        Optional<DemoData.Size> size = options.demo();
        if (size.isEmpty() || gatewayProcess().isEmpty()) {
            return;
        }
        DemoData data = DemoData.load(size.get());
        DemoSeed.Report report = new DemoSeed(gatewayProcess().get().baseUri(), data, progress)
                .load(token(DemoUser.ADMIN));
        demoReport = report;
        progress.info(String.format("  %-20s %d achievements (%d new), %d demands (%d new); %d of the demands have "
                + "suggestions, %d suggestions in all; loaded in %.1f s", "demo data", report.achievements(),
                report.achievementsCreated(), report.demands(), report.demandsCreated(),
                report.demandsWithSuggestions(), report.suggestions(), report.seconds()));
    }

    /** What {@code --demo} loaded and what the matching service made of it; empty without {@code --demo}. */
    public Optional<DemoSeed.Report> demoReport() {
        return Optional.ofNullable(demoReport);
    }

    // ------------------------------------------------------------------------------------------ supervision

    private void childExited(ServiceProcess service) {
        if (isClosing()) {
            return;
        }
        sleep(EXIT_GRACE);
        if (isClosing()) {
            return;
        }
        if (recordFailure(service, "exited unexpectedly") && running) {
            progress.problem("Stopping the platform, as " + service.name() + " is down.");
            close();
        }
        // While starting, awaitServicesReady() sees the failure and fails the start.
    }

    /** Kafka or PostgreSQL could not be kept up: as for a dead service, the platform stops (exit code 1). */
    private void infrastructureLost(ChildFailure lost) {
        if (failure.compareAndSet(null, lost)) {
            progress.problem(lost.describe());
        }
        if (!isClosing()) {
            progress.problem("Stopping the platform, as " + lost.service() + " is down.");
            // Not on the supervisor's thread: close() waits for the supervisors to finish.
            Thread.ofPlatform().name("stop-after-" + lost.service()).start(this::close);
        }
    }

    /** The field that holds Kafka or PostgreSQL, as its supervisor sees it. */
    private final class Slot<T> implements InfrastructureSupervisor.Owner<T> {
        private final Supplier<T> field;
        private final Consumer<T> assign;

        Slot(Supplier<T> field, Consumer<T> assign) {
            this.field = field;
            this.assign = assign;
        }

        @Override
        public boolean stopping() {
            return isClosing();
        }

        @Override
        public T current() {
            synchronized (state) {
                return field.get();
            }
        }

        @Override
        public boolean replace(T dead, T restarted) {
            synchronized (state) {
                if (closing || field.get() != dead) {
                    return false;
                }
                assign.accept(restarted);
                return true;
            }
        }

        @Override
        public void giveUp(ChildFailure lost) {
            infrastructureLost(lost);
        }
    }

    /** Records the first failure and reports it loudly; later ones are only logged. */
    private boolean recordFailure(ServiceProcess service, String reason) {
        ChildFailure f = new ChildFailure(service.name(), service.isAlive() ? null : service.exitCode(), reason,
                service.log(), service.lastLogLines(FAILURE_LOG_LINES));
        if (failure.compareAndSet(null, f)) {
            progress.problem(f.describe());
            return true;
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------ what it offers

    /** {@code 127.0.0.1:<port>} of the Kafka broker. */
    public String kafkaBootstrapServers() {
        return kafka().bootstrapServers();
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}. */
    public String jdbcUrl(String database) {
        return postgres().jdbcUrl(database);
    }

    public String databaseUsername() {
        return postgres().username();
    }

    public String databasePassword() {
        return postgres().password();
    }

    /** The base URL ({@code http://127.0.0.1:<port>}) of every running service, by name. */
    public Map<String, URI> serviceUrls() {
        Map<String, URI> urls = new LinkedHashMap<>();
        snapshotServices().forEach(s -> urls.put(s.name(), s.baseUri()));
        return urls;
    }

    /** The base URL of a running service. */
    public URI serviceUrl(String service) {
        URI url = serviceUrls().get(service);
        if (url == null) {
            throw new NoSuchElementException(service + " is not running; running: " + serviceUrls().keySet());
        }
        return url;
    }

    /** The gateway's base URL ({@code http://127.0.0.1:<port>}): the platform's one entry point. */
    public URI gatewayUrl() {
        return gatewayProcess().map(ServiceProcess::baseUri)
                .orElseThrow(() -> new NoSuchElementException("the gateway is not running"));
    }

    /** A client of the gateway: tokens for other accounts than the demo ones, for instance. */
    public GatewayClient gateway() {
        return new GatewayClient(gatewayUrl());
    }

    /**
     * A real gateway token of a demo account, valid for at least another minute: the one from start-up, or a fresh
     * one from {@code /auth/token} once that one is about to run out (gateway tokens live 15 minutes).
     */
    public String token(DemoUser user) {
        DemoAccounts demo = accounts;
        if (demo == null) {
            throw new IllegalStateException("no demo accounts: the gateway is not running");
        }
        synchronized (currentTokens) {
            GatewayToken token = currentTokens.get(user);
            if (token == null || token.expiresAt().isBefore(Instant.now().plus(TOKEN_MARGIN))) {
                token = demo.signIn(user);
                currentTokens.put(user, token);
            }
            return token.accessToken();
        }
    }

    /** Every demo account's token, as {@link #token(DemoUser)} gives it. */
    public PlatformTokens tokens() {
        Map<DemoUser, GatewayToken> tokens = new EnumMap<>(DemoUser.class);
        for (DemoUser user : DemoUser.values()) {
            token(user);
        }
        synchronized (currentTokens) {
            tokens.putAll(currentTokens);
        }
        return new PlatformTokens(tokens, Instant.now());
    }

    /** The password of the gateway's administrator ({@link DemoUser#ADMIN}), kept in {@code <data>/admin-password}. */
    public String adminPassword() {
        return adminPassword.value();
    }

    /** The process of a running service. */
    public ProcessHandle process(String service) {
        return snapshotServices().stream().filter(s -> s.name().equals(service)).findFirst()
                .map(ServiceProcess::handle)
                .orElseThrow(() -> new NoSuchElementException(service + " is not running"));
    }

    public Layout layout() {
        return layout;
    }

    /** The services' processes (the servers themselves run in this JVM). */
    public List<ProcessHandle> childProcesses() {
        return snapshotServices().stream().map(ServiceProcess::handle).toList();
    }

    /** Every TCP port the platform listens on: Kafka, its controller, PostgreSQL and the services. */
    public List<Integer> ports() {
        List<Integer> ports = new ArrayList<>();
        synchronized (state) {
            if (kafka != null) {
                ports.add(kafka.brokerPort());
                ports.add(kafka.controllerPort());
            }
            if (postgres != null) {
                ports.add(postgres.port());
            }
            services.forEach(s -> ports.add(s.port()));
        }
        return ports;
    }

    /** Every time Kafka or PostgreSQL died and was brought back, oldest first. */
    public List<InfrastructureRestart> infrastructureRestarts() {
        List<InfrastructureRestart> all = new ArrayList<>(kafkaSupervisor.restarts());
        all.addAll(postgresSupervisor.restarts());
        all.sort(Comparator.comparing(InfrastructureRestart::noticed));
        return all;
    }

    /** The service, or Kafka or PostgreSQL, that brought the platform down, if one did. */
    public Optional<ChildFailure> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** Blocks until the platform has stopped (closed, or brought down by a failed service): 0, or 1 after a failure. */
    public int awaitStopped() throws InterruptedException {
        try {
            return stopped.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** As {@link #awaitStopped()}, for at most {@code timeout}; empty if still running. */
    public OptionalInt awaitStopped(Duration timeout) throws InterruptedException {
        try {
            return OptionalInt.of(stopped.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return OptionalInt.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** What runs where, and how to use it: printed once the platform is up. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        Optional<ServiceProcess> gateway = gatewayProcess();
        gateway.ifPresent(g -> {
            URI base = localhost(g);
            sb.append(String.format("  %-20s %s   the platform's one entry point:%n", g.name(), base))
                    .append(String.format("  %-20s   API        %s/api/achievements, /api/demands, /api/matches, /api/search%n", "", base))
                    .append(String.format("  %-20s   sign-in    %s/auth/token%n", "", base))
                    .append(String.format("  %-20s   Swagger UI %s/q/swagger-ui (the whole platform: %s/openapi)%n", "", base, base));
        });
        for (ServiceProcess s : snapshotServices()) {
            if (!s.spec().issuesTokens()) {
                sb.append(String.format("  %-20s %s   behind the gateway; health %s/q/health%n", s.name(), localhost(s),
                        localhost(s)));
            }
        }
        String events = "deploy/local/run events achievements.v1"
                + (kafka().brokerPort() == Options.DEFAULT_KAFKA_PORT ? "" : " --bootstrap " + kafkaBootstrapServers());
        sb.append(String.format("  %-20s %s   (watch a topic: %s)%n", "Kafka", kafkaBootstrapServers(), events))
                .append(String.format("  %-20s %s   (user %s, password %s; one database per service)%n", "PostgreSQL",
                        jdbcUrl("<database>"), databaseUsername(), databasePassword()))
                .append('\n')
                .append(String.format("  %-8s %s   (delete it to start from scratch)%n", "data", layout.root()))
                .append(String.format("  %-8s %s   (launcher.log holds Kafka's log too)%n", "logs", layout.logs()));
        if (gateway.isPresent() && accounts != null) {
            Instant expires;
            synchronized (currentTokens) {
                expires = currentTokens.values().stream().map(GatewayToken::expiresAt).min(Instant::compareTo)
                        .orElse(Instant.now());
            }
            String dataFlag = layout.root().equals(options.repoRoot().resolve(Options.DEFAULT_ROOT_NAME))
                    ? "" : " --data " + layout.root();
            sb.append('\n')
                    .append(String.format("  %-8s user %s, password %s   (kept in %s)%n", "admin",
                            DemoUser.ADMIN.subject(), adminPassword.value(), layout.adminPassword()))
                    .append(String.format("  %-8s %s, %s, %s (password %s); API client %s%n", "demo",
                            DemoUser.UNIVERSITY.subject(), DemoUser.ENTERPRISE.subject(), DemoUser.BROKER.subject(),
                            DemoUser.DEMO_PASSWORD, DemoUser.PARTNER.subject()))
                    .append(String.format("  %-8s local-only demo credentials%n", ""))
                    .append(String.format("  %-8s source %s   (valid until %s: they last 15 minutes)%n", "tokens",
                            layout.tokens(), DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault())
                                    .format(expires)))
                    .append(String.format("  %-8s %s%n", "", Arrays.stream(DemoUser.values())
                            .map(u -> "$" + u.tokenVariable()).collect(Collectors.joining(" "))))
                    .append(String.format("  %-8s then:   curl -H \"Authorization: Bearer $UNIVERSITY_TOKEN\" $GATEWAY/api/achievements%n", ""))
                    .append(String.format("  %-8s again:  deploy/local/run tokens%s && source %s%n", "", dataFlag,
                            layout.tokens()))
                    .append(String.format("  %-8s one:    deploy/local/run token university%s%n", "", dataFlag));
            DemoSeed.Report demo = demoReport;
            if (demo != null) {
                sb.append('\n').append(demoSummary(demo));
            }
        }
        sb.append("\nStop with Ctrl-C.");
        return sb.toString();
    }

    /** The demo data's sign-ins and one query to start with. */
    private String demoSummary(DemoSeed.Report demo) {
        DemoData data = DemoData.load(new DemoData.Size(0, 0));
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("  %-8s %d achievements, %d demands, %d suggestions (%d of %d demands have some)%n",
                "demo", demo.achievements(), demo.demands(), demo.suggestions(), demo.demandsWithSuggestions(),
                demo.demands()));
        for (String type : List.of("UNIVERSITY", "RESEARCH_INSTITUTE", "ENTERPRISE", "BROKERAGE")) {
            String people = data.organisations().stream().filter(o -> o.type().equals(type))
                    .flatMap(o -> o.users().stream()).map(DemoData.User::username).collect(Collectors.joining(", "));
            sb.append(String.format("  %-8s %-18s %s%n", "", type.toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                    people));
        }
        sb.append(String.format("  %-8s every one signs in with the password %s%n", "", DemoUser.DEMO_PASSWORD));
        demo.exampleDemandId().ifPresent(id -> sb.append(String.format("  %-8s try:    source %s && curl -s "
                + "\"$GATEWAY/api/matches/demands/%s/suggestions?size=3\" -H \"Authorization: Bearer $BROKER_TOKEN\"%n", "",
                layout.tokens(), id)));
        return sb.toString();
    }

    private Optional<ServiceProcess> gatewayProcess() {
        return snapshotServices().stream().filter(s -> s.spec().issuesTokens()).findFirst();
    }

    /** {@code http://localhost:<port>}: how a person on this machine writes it (the README's examples do). */
    private static URI localhost(ServiceProcess service) {
        return URI.create("http://localhost:" + service.port());
    }

    // ------------------------------------------------------------------------------------------ stopping

    /**
     * Stops the services (in parallel: SIGTERM, then SIGKILL after the stop timeout), then Kafka, then PostgreSQL,
     * and releases the folder. Keeps the data. Idempotent; a second caller waits for the first.
     */
    @Override
    public void close() {
        synchronized (state) {
            if (closing) {
                stopped.join();
                return;
            }
            closing = true;
        }
        try {
            stopEverything();
        } finally {
            stopped.complete(failure.get() == null ? 0 : 1);
        }
    }

    /** Kills the services at once (a second Ctrl-C); {@link #close()} carries on with Kafka and PostgreSQL. */
    void killServices() {
        snapshotServices().forEach(s -> s.handle().destroyForcibly());
    }

    private void stopEverything() {
        List<ServiceProcess> toStop = snapshotServices();
        boolean anything;
        synchronized (state) {
            anything = !toStop.isEmpty() || kafka != null || postgres != null;
        }
        if (anything) {
            progress.info("Stopping the platform ...");
        }
        List<Thread> stopping = new ArrayList<>();
        for (ServiceProcess service : toStop) {
            stopping.add(Thread.ofPlatform().name("stop-" + service.name()).start(() -> {
                boolean wasAlive = service.isAlive();
                long t0 = System.nanoTime();
                boolean killed = service.stop(options.stopTimeout());
                progress.info(String.format("  %-20s %s", service.name(), !wasAlive
                        ? "had already exited (code " + service.exitCode() + ")"
                        : killed ? "did not stop within " + options.stopTimeout().toSeconds() + " s: killed"
                        : String.format("stopped in %.1f s", (System.nanoTime() - t0) / 1e9)));
            }));
        }
        for (Thread t : stopping) {
            joinUninterruptibly(t);
        }
        // Kafka and PostgreSQL now stop on purpose. A restart in progress ends first (with the restarted server
        // stopped again, as the platform is closing); then the fields hold what is left to stop.
        kafkaSupervisor.retire();
        postgresSupervisor.retire();
        KafkaKraftBroker kafkaToStop;
        PostgresServer postgresToStop;
        synchronized (state) {
            kafkaToStop = kafka;
            postgresToStop = postgres;
        }
        if (kafkaToStop != null) {
            kafkaToStop.close();
            progress.info("  Kafka stopped");
        }
        if (postgresToStop != null) {
            postgresToStop.close();
            progress.info("  PostgreSQL stopped");
        }
        try {
            Files.deleteIfExists(layout.platformProperties());
        } catch (IOException e) {
            // stale addresses only
        }
        http.close();
        if (lock != null) {
            lock.close();
        }
        if (anything) {
            progress.info("Stopped. The data stays in " + layout.root() + ".");
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** Takes ownership of what was just started, unless the platform is already stopping: then stops it. */
    private <T> T adopt(T started) {
        synchronized (state) {
            if (!closing) {
                switch (started) {
                    case LauncherLock l -> lock = l;
                    case KafkaKraftBroker k -> kafka = k;
                    case PostgresServer p -> postgres = p;
                    case ServiceProcess s -> services.add(s);
                    default -> throw new IllegalArgumentException(String.valueOf(started));
                }
                return started;
            }
        }
        switch (started) {
            case LauncherLock l -> l.close();
            case KafkaKraftBroker k -> k.close();
            case PostgresServer p -> p.close();
            case ServiceProcess s -> s.stop(options.stopTimeout());
            default -> throw new IllegalArgumentException(String.valueOf(started));
        }
        throw new PlatformStartException("Stopped while starting", null, null);
    }

    private boolean isClosing() {
        synchronized (state) {
            return closing;
        }
    }

    private List<ServiceProcess> snapshotServices() {
        synchronized (state) {
            return List.copyOf(services);
        }
    }

    private KafkaKraftBroker kafka() {
        synchronized (state) {
            if (kafka == null) {
                throw new IllegalStateException("Kafka is not running");
            }
            return kafka;
        }
    }

    /** The broker in use now (another object after a restart): for tests that crash it. */
    KafkaKraftBroker kafkaBroker() {
        return kafka();
    }

    /** The PostgreSQL server in use now (another object after a restart): for tests that crash it. */
    PostgresServer postgresServer() {
        return postgres();
    }

    private PostgresServer postgres() {
        synchronized (state) {
            if (postgres == null) {
                throw new IllegalStateException("PostgreSQL is not running");
            }
            return postgres;
        }
    }

    /** platform.properties: the addresses of this run, for the events command and for scripts. */
    private void writePlatformProperties() {
        StringBuilder sb = new StringBuilder("# The running local platform (deploy/local); removed when it stops.\n")
                .append("pid=").append(ProcessHandle.current().pid()).append('\n')
                .append("kafka.bootstrap.servers=").append(kafkaBootstrapServers()).append('\n')
                .append("postgres.jdbc.url=").append(jdbcUrl("")).append('\n')
                .append("postgres.username=").append(databaseUsername()).append('\n')
                .append("postgres.password=").append(databasePassword()).append('\n');
        serviceUrls().forEach((name, url) -> sb.append(name).append(".url=").append(url).append('\n'));
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

    private static int freePort(Set<Integer> taken) {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (!taken.contains(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("No free port", e);
            }
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + ": " + t;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

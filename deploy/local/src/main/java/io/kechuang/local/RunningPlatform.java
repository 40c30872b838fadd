package io.kechuang.local;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.kechuang.infra.KafkaKraftBroker;
import io.kechuang.infra.PostgresServer;

/**
 * The platform once {@link LocalPlatform#start(Options)} has brought it up ({@link BootSequence}): the pieces that
 * run (the folder's lock, Kafka, PostgreSQL, the services), where they are, real gateway tokens for the demo accounts
 * ({@link #token(DemoUser)}), and {@link #close()}, which stops the services (SIGTERM, then SIGKILL after the stop
 * timeout), then Kafka, then PostgreSQL. The data stays.
 *
 * <p>Everything is supervised ({@link PlatformSupervisor}): a service that exits without being asked to stops the
 * whole platform, and {@link #awaitStopped()} then returns 1. Kafka and PostgreSQL are restarted on the same data and
 * ports while the services keep running ({@link #infrastructureRestarts()}); one that keeps dying, or does not start
 * again, stops the platform like a dead service. {@link #summary()} says what runs where ({@link PlatformSummary}).
 */
public final class RunningPlatform implements AutoCloseable {

    private final Options options;
    private final Layout layout;
    private final Progress progress;
    private final CompletableFuture<Integer> stopped = new CompletableFuture<>();
    private final PlatformSupervisor supervisor;

    private final Object state = new Object();
    private final List<ServiceProcess> services = new ArrayList<>(); // guarded by state
    private LauncherLock lock; // guarded by state
    private KafkaNode kafka; // guarded by state
    private PostgresServer postgres; // guarded by state
    private boolean closing; // guarded by state

    private volatile DemoAccounts.AdminPassword adminPassword;
    private volatile DemoSessions sessions; // set once the demo accounts are signed in (null without a gateway)
    private volatile DemoSeed.Report demoReport; // set once --demo has loaded the demo data

    RunningPlatform(Options options) {
        this.options = options;
        this.layout = options.layout();
        this.progress = options.progress();
        this.supervisor = new PlatformSupervisor(this, options);
    }

    /** Brings everything up; on failure throws, leaving the stopping to the caller ({@link #close()}). */
    void boot() {
        new BootSequence(this, supervisor).run();
    }

    // ------------------------------------------------------------------------------------------ what it offers

    /** {@code 127.0.0.1:<port>} of the Kafka broker. */
    public String kafkaBootstrapServers() {
        return kafkaNode().bootstrapServers();
    }

    /** PostgreSQL's own port (services may reach it through their {@link Options#databasePortOf proxy}). */
    public int postgresPort() {
        return postgresServer().port();
    }

    /** The Kafka broker's process, when it runs in one of its own ({@link Options.Builder#kafkaInChildProcess()}). */
    public Optional<ProcessHandle> kafkaProcess() {
        return kafkaNode().process();
    }

    /**
     * Takes the Kafka broker down without warning: kill -9 of its process, or in the launcher's JVM a shutdown that
     * loses its clean-shutdown marker ({@link KafkaKraftBroker#crash()}). The supervisor restarts it.
     */
    public void crashKafka() {
        KafkaNode node = kafkaNode();
        switch (node) {
            case KafkaProcess child -> child.process().orElseThrow().destroyForcibly();
            case KafkaNode.InJvm inJvm -> inJvm.broker().crash();
        }
    }

    /** kill -9 of PostgreSQL's postmaster and all its processes ({@link PostgresServer#crash()}); it is restarted. */
    public void crashPostgres() {
        postgresServer().crash();
    }

    /** Every time a service died and was started again ({@link Options.Builder#restartServices()}), oldest first. */
    public List<InfrastructureRestart> serviceRestarts() {
        return supervisor.serviceRestarts();
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>}. */
    public String jdbcUrl(String database) {
        return postgresServer().jdbcUrl(database);
    }

    public String databaseUsername() {
        return postgresServer().username();
    }

    public String databasePassword() {
        return postgresServer().password();
    }

    /** The base URL ({@code http://127.0.0.1:<port>}) of every running service, by name. */
    public Map<String, URI> serviceUrls() {
        Map<String, URI> urls = new LinkedHashMap<>();
        services().forEach(s -> urls.put(s.name(), s.baseUri()));
        return urls;
    }

    /** Where each running service serves health ({@code /q/health}) and metrics ({@code /q/metrics}), by name. */
    public Map<String, URI> managementUrls() {
        Map<String, URI> urls = new LinkedHashMap<>();
        services().forEach(s -> urls.put(s.name(), s.managementUri()));
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
        return signedInSessions().token(user);
    }

    /** Every demo account's token, as {@link #token(DemoUser)} gives it. */
    public PlatformTokens tokens() {
        return signedInSessions().tokens();
    }

    private DemoSessions signedInSessions() {
        DemoSessions s = sessions;
        if (s == null) {
            throw new IllegalStateException("no demo accounts: the gateway is not running");
        }
        return s;
    }

    /** The password of the gateway's administrator ({@link DemoUser#ADMIN}), kept in {@code <data>/admin-password}. */
    public String adminPassword() {
        return adminPassword.value();
    }

    /** What {@code --demo} loaded and what the matching service made of it; empty without {@code --demo}. */
    public Optional<DemoSeed.Report> demoReport() {
        return Optional.ofNullable(demoReport);
    }

    /** The process of a running service. */
    public ProcessHandle process(String service) {
        return services().stream().filter(s -> s.name().equals(service)).findFirst()
                .map(ServiceProcess::handle)
                .orElseThrow(() -> new NoSuchElementException(service + " is not running"));
    }

    public Layout layout() {
        return layout;
    }

    /** The services' processes (the servers themselves run in this JVM). */
    public List<ProcessHandle> childProcesses() {
        return services().stream().map(ServiceProcess::handle).toList();
    }

    /**
     * Every TCP port the platform listens on: Kafka, its controller, PostgreSQL and the services (their HTTP and
     * management ports).
     */
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
            services.forEach(s -> {
                ports.add(s.port());
                ports.add(s.managementPort());
            });
        }
        return ports;
    }

    /** Every time Kafka or PostgreSQL died and was brought back, oldest first. */
    public List<InfrastructureRestart> infrastructureRestarts() {
        return supervisor.restarts();
    }

    /** The service, or Kafka or PostgreSQL, that brought the platform down, if one did. */
    public Optional<ChildFailure> failure() {
        return supervisor.failure();
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
        return PlatformSummary.of(this);
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
            stopped.complete(supervisor.failure().isEmpty() ? 0 : 1);
        }
    }

    /** Kills the services at once (a second Ctrl-C); {@link #close()} carries on with Kafka and PostgreSQL. */
    void killServices() {
        services().forEach(s -> s.handle().destroyForcibly());
    }

    private void stopEverything() {
        List<ServiceProcess> toStop = services();
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
        supervisor.retire();
        KafkaNode kafkaToStop;
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
        if (lock != null) {
            lock.close();
        }
        if (anything) {
            progress.info("Stopped. The data stays in " + layout.root() + ".");
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

    // ------------------------------------------------------------------------------------------ for the boot sequence

    /** Takes ownership of what was just started, unless the platform is already stopping: then stops it. */
    <T> T adopt(T started) {
        synchronized (state) {
            if (!closing) {
                switch (started) {
                    case LauncherLock l -> lock = l;
                    case KafkaNode k -> kafka = k;
                    case PostgresServer p -> postgres = p;
                    case ServiceProcess s -> services.add(s);
                    default -> throw new IllegalArgumentException(String.valueOf(started));
                }
                return started;
            }
        }
        switch (started) {
            case LauncherLock l -> l.close();
            case KafkaNode k -> k.close();
            case PostgresServer p -> p.close();
            case ServiceProcess s -> s.stop(options.stopTimeout());
            default -> throw new IllegalArgumentException(String.valueOf(started));
        }
        throw new PlatformStartException("Stopped while starting", null, null);
    }

    void adminPassword(DemoAccounts.AdminPassword password) {
        adminPassword = password;
    }

    void signedIn(DemoSessions signedIn) {
        sessions = signedIn;
    }

    void demoLoaded(DemoSeed.Report report) {
        demoReport = report;
    }

    Options options() {
        return options;
    }

    Optional<DemoSessions> sessions() {
        return Optional.ofNullable(sessions);
    }

    boolean isClosing() {
        synchronized (state) {
            return closing;
        }
    }

    List<ServiceProcess> services() {
        synchronized (state) {
            return List.copyOf(services);
        }
    }

    Optional<ServiceProcess> gatewayProcess() {
        return services().stream().filter(s -> s.spec().issuesTokens()).findFirst();
    }

    /** The broker in use now, in this JVM (another object after a restart); tests crash it. */
    KafkaKraftBroker kafkaBroker() {
        if (kafkaNode() instanceof KafkaNode.InJvm inJvm) {
            return inJvm.broker();
        }
        throw new IllegalStateException("Kafka runs in a process of its own");
    }

    /** The broker in use now (another object after a restart). */
    KafkaNode kafkaNode() {
        synchronized (state) {
            if (kafka == null) {
                throw new IllegalStateException("Kafka is not running");
            }
            return kafka;
        }
    }

    /** Puts the restarted service in the place of the dead one; false if the platform is stopping. */
    boolean replaceService(ServiceProcess dead, ServiceProcess restarted) {
        synchronized (state) {
            int at = services.indexOf(dead);
            if (closing || at < 0) {
                return false;
            }
            services.set(at, restarted);
            return true;
        }
    }

    /** The PostgreSQL server in use now (another object after a restart); tests crash it. */
    PostgresServer postgresServer() {
        synchronized (state) {
            if (postgres == null) {
                throw new IllegalStateException("PostgreSQL is not running");
            }
            return postgres;
        }
    }

    // ------------------------------------------------------------------------------------------ for the supervisor

    InfrastructureSupervisor.Owner<KafkaNode> kafkaSlot(Consumer<ChildFailure> giveUp) {
        return new Slot<>(() -> kafka, k -> kafka = k, giveUp);
    }

    InfrastructureSupervisor.Owner<PostgresServer> postgresSlot(Consumer<ChildFailure> giveUp) {
        return new Slot<>(() -> postgres, p -> postgres = p, giveUp);
    }

    /** The field that holds Kafka or PostgreSQL, as its supervisor sees it. */
    private final class Slot<T> implements InfrastructureSupervisor.Owner<T> {
        private final Supplier<T> field;
        private final Consumer<T> assign;
        private final Consumer<ChildFailure> giveUp;

        Slot(Supplier<T> field, Consumer<T> assign, Consumer<ChildFailure> giveUp) {
            this.field = field;
            this.assign = assign;
            this.giveUp = giveUp;
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
            giveUp.accept(lost);
        }
    }
}

package io.kechuang.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.kechuang.infra.Dirs;
import io.kechuang.infra.InfraLogging;
import io.kechuang.infra.KafkaKraftBroker;
import io.kechuang.infra.PostgresServer;

/**
 * One Kafka broker and one PostgreSQL server per test JVM, started lazily (in parallel) on free ports
 * under {@code ${java.io.tmpdir}/kechuang-infra-<random>/}, shared by every test class, and stopped (the
 * folder deleted) by a JVM shutdown hook.
 *
 * <p>JVM-wide even under Quarkus' test class loaders: every copy of this class delegates to the copy
 * loaded by the system class loader (which sees the test class path under Maven Surefire), so the servers
 * run on classes from a loader that is never closed, and a test class with another profile (another
 * Quarkus class loader) gets the same servers. Without such a system-loader copy (unusual launchers) the
 * servers belong to the first loader that asks.
 */
public final class SharedInfrastructure {

    private static final String K_BOOTSTRAP = "kafka.bootstrap.servers";
    private static final String K_PG_PORT = "postgres.port";
    private static final String K_PG_USER = "postgres.username";
    private static final String K_PG_PASSWORD = "postgres.password";
    private static final String K_ROOT = "root";

    /** Per-loader cache of the description (the servers themselves live in the owning loader). */
    private static volatile SharedInfrastructure instance;

    // State of the owning copy (the one that started the servers).
    private static KafkaKraftBroker ownedKafka;
    private static PostgresServer ownedPostgres;
    private static Map<String, String> ownedDescription;

    private final String kafkaBootstrapServers;
    private final int postgresPort;
    private final String postgresUsername;
    private final String postgresPassword;
    private final Path rootDir;

    private SharedInfrastructure(Map<String, String> d) {
        this.kafkaBootstrapServers = d.get(K_BOOTSTRAP);
        this.postgresPort = Integer.parseInt(d.get(K_PG_PORT));
        this.postgresUsername = d.get(K_PG_USER);
        this.postgresPassword = d.get(K_PG_PASSWORD);
        this.rootDir = Path.of(d.get(K_ROOT));
    }

    /** The shared infrastructure, started on first use. Thread-safe. */
    public static SharedInfrastructure get() {
        SharedInfrastructure i = instance;
        if (i != null) {
            return i;
        }
        synchronized (SharedInfrastructure.class) {
            if (instance == null) {
                instance = new SharedInfrastructure(describeFromOwner());
            }
            return instance;
        }
    }

    private static Map<String, String> describeFromOwner() {
        ClassLoader system = ClassLoader.getSystemClassLoader();
        if (SharedInfrastructure.class.getClassLoader() != system) {
            Class<?> owner;
            try {
                owner = Class.forName(SharedInfrastructure.class.getName(), true, system);
            } catch (ClassNotFoundException | LinkageError notVisible) {
                owner = null;
            }
            if (owner != null && owner != SharedInfrastructure.class) {
                try {
                    @SuppressWarnings("unchecked")
                    Map<String, String> d = (Map<String, String>) owner.getMethod("startAndDescribe").invoke(null);
                    return new HashMap<>(d);
                } catch (InvocationTargetException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    if (cause instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(cause);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot reach " + owner, e);
                }
            }
        }
        return startAndDescribe();
    }

    /**
     * Internal (public only for the cross-class-loader call): starts the servers in this class' loader if
     * not yet done and describes them with plain strings.
     */
    public static Map<String, String> startAndDescribe() {
        // The lock is a string literal: interned, hence one object per JVM whatever the loader.
        synchronized ("io.kechuang.testing.SharedInfrastructure.start") {
            if (ownedDescription == null) {
                ownedDescription = Map.copyOf(startServers());
            }
            return ownedDescription;
        }
    }

    private static Map<String, String> startServers() {
        long t0 = System.nanoTime();
        Path root;
        try {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            Files.createDirectories(tmp);
            root = Files.createTempDirectory(tmp, "kechuang-infra-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ClassLoader loader = SharedInfrastructure.class.getClassLoader();
        Executor starter = task -> {
            // Daemon threads with this loader as context loader: Kafka resolves configured classes
            // through the context loader, and every thread it creates inherits both.
            Thread t = new Thread(task, "kechuang-infra-start");
            t.setDaemon(true);
            t.setContextClassLoader(loader);
            t.start();
        };
        CompletableFuture<KafkaKraftBroker> kafka = CompletableFuture.supplyAsync(
                () -> KafkaKraftBroker.start(root.resolve("kafka"), 0, 0, false), starter);
        CompletableFuture<PostgresServer> postgres = CompletableFuture.supplyAsync(
                () -> PostgresServer.start(root.resolve("pg"), 0, false), starter);
        try {
            ownedKafka = await(kafka);
            ownedPostgres = await(postgres);
        } catch (RuntimeException | Error e) {
            ownedKafka = null;
            ownedPostgres = null;
            kafka.thenAccept(KafkaKraftBroker::close);
            postgres.thenAccept(PostgresServer::close);
            CompletableFuture.allOf(kafka, postgres).whenComplete((ignored, x) -> Dirs.deleteRecursively(root));
            throw e;
        }
        Thread hook = new Thread(() -> closeAll(root), "kechuang-infra-shutdown");
        hook.setContextClassLoader(loader);
        Runtime.getRuntime().addShutdownHook(hook);
        InfraLogging.log("Shared test infrastructure (Kafka " + ownedKafka.bootstrapServers() + ", PostgreSQL port "
                + ownedPostgres.port() + ", folder " + root + ") up in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
        Map<String, String> d = new HashMap<>();
        d.put(K_BOOTSTRAP, ownedKafka.bootstrapServers());
        d.put(K_PG_PORT, String.valueOf(ownedPostgres.port()));
        d.put(K_PG_USER, ownedPostgres.username());
        d.put(K_PG_PASSWORD, ownedPostgres.password());
        d.put(K_ROOT, root.toString());
        return d;
    }

    private static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(180, TimeUnit.SECONDS);
        } catch (ExecutionException | CompletionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } catch (TimeoutException e) {
            throw new IllegalStateException("shared infrastructure did not start in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void closeAll(Path root) {
        KafkaKraftBroker k = ownedKafka;
        PostgresServer p = ownedPostgres;
        Thread kafkaStopper = null;
        if (k != null) {
            kafkaStopper = new Thread(k::close, "kechuang-infra-stop-kafka");
            kafkaStopper.start();
        }
        if (p != null) {
            p.close();
        }
        if (kafkaStopper != null) {
            try {
                kafkaStopper.join(TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Dirs.deleteRecursively(root);
    }

    /** {@code 127.0.0.1:<port>} of the shared broker. */
    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    public int postgresPort() {
        return postgresPort;
    }

    public String postgresUsername() {
        return postgresUsername;
    }

    public String postgresPassword() {
        return postgresPassword;
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<db>}. */
    public String jdbcUrl(String db) {
        return PostgresServer.jdbcUrl(postgresPort, db);
    }

    /** Creates the database unless it exists (idempotent, safe to call concurrently). */
    public void createDatabase(String db) {
        PostgresServer.createDatabase(postgresPort, postgresUsername, postgresPassword, db);
    }

    /** A connection to {@code db} (which must exist). */
    public java.sql.Connection connection(String db) throws java.sql.SQLException {
        return PostgresServer.connect(jdbcUrl(db), postgresUsername, postgresPassword);
    }

    /** The folder holding both servers' data; deleted at JVM exit. */
    public Path rootDir() {
        return rootDir;
    }

    @Override
    public String toString() {
        return "SharedInfrastructure[kafka=" + kafkaBootstrapServers + ", postgres=127.0.0.1:" + postgresPort
                + ", root=" + rootDir + "]";
    }
}

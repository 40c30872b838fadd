package io.kechuang.testing;

import java.util.LinkedHashMap;
import java.util.Map;

import io.kechuang.infra.InfraLogging;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource: points the service under test at the JVM's {@link SharedInfrastructure} (Kafka and
 * PostgreSQL, started once and shared by every test class), at its own database, and at the
 * {@link TestTokens} verification key.
 *
 * <pre>{@code
 * @QuarkusTest
 * @QuarkusTestResource(value = KechuangTestResource.class, restrictToAnnotatedClass = false,
 *         initArgs = @ResourceArg(name = "database", value = "achievement"))
 * class AchievementResourceTest { ... }
 * }</pre>
 *
 * <p>Arguments: {@code database} (default {@code app}), created if missing. {@link #stop()} does nothing:
 * the servers stop at JVM exit.
 *
 * <p>The service's {@code application.properties} must still say {@code quarkus.devservices.enabled=false}:
 * Dev Services are decided when the app is built, before any test resource starts.
 */
public class KechuangTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String ARG_DATABASE = "database";
    public static final String DEFAULT_DATABASE = "app";

    private String database = DEFAULT_DATABASE;

    @Override
    public void init(Map<String, String> initArgs) {
        String db = initArgs == null ? null : initArgs.get(ARG_DATABASE);
        if (db != null && !db.isBlank()) {
            database = db.trim();
        }
    }

    @Override
    public Map<String, String> start() {
        SharedInfrastructure infra = SharedInfrastructure.get();
        infra.createDatabase(database);
        return config(infra, database);
    }

    /** The configuration a service needs to run against {@code infra} with database {@code database}. */
    public static Map<String, String> config(SharedInfrastructure infra, String database) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("quarkus.datasource.jdbc.url", infra.jdbcUrl(database));
        c.put("quarkus.datasource.username", infra.postgresUsername());
        c.put("quarkus.datasource.password", infra.postgresPassword());
        c.put("kafka.bootstrap.servers", infra.kafkaBootstrapServers());
        c.put("quarkus.http.test-port", "0");
        c.put("quarkus.devservices.enabled", "false");
        c.put("mp.jwt.verify.publickey.location", TestTokens.publicKeyLocation());
        // Also inline: when the service configures no key at build time, quarkus-smallrye-jwt generates an
        // in-memory dev/test key pair (a dev service, not switched off by quarkus.devservices.enabled) whose
        // mp.jwt.verify.publickey would win over the location above.
        c.put("mp.jwt.verify.publickey", TestTokens.publicKeyBase64());
        c.put("mp.jwt.verify.issuer", TestTokens.ISSUER);
        c.put("mp.jwt.verify.audiences", TestTokens.AUDIENCE);
        // The in-process broker logs through the same log manager as the service: keep it at WARN.
        for (String category : InfraLogging.QUIET_CATEGORIES) {
            c.put("quarkus.log.category.\"" + category + "\".level", "WARN");
        }
        return c;
    }

    @Override
    public void stop() {
        // Shared for the whole JVM; stopped by SharedInfrastructure's shutdown hook.
    }

    public String database() {
        return database;
    }
}

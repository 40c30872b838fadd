package io.kechuang.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The services the platform knows how to run. A new service joins the local platform with one line here; the
 * launcher starts it whenever its module exists and has been built.
 */
public final class KnownServices {

    /** Started in this order; the gateway last, in front of the others. */
    public static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("achievement-service", 8081, 9081, "achievements", "services/achievement-service",
                    "/api/achievements", List.of(), false),
            new ServiceSpec("demand-service", 8082, 9082, "demands", "services/demand-service",
                    "/api/demands", List.of(), false),
            new ServiceSpec("matching-service", 8083, 9083, "matching", "services/matching-service",
                    "/api/matches", List.of("--add-modules", "jdk.incubator.vector"), false),
            new ServiceSpec("gateway", 8080, 9080, "gateway", "services/gateway",
                    "/api", List.of(), true));

    private KnownServices() {
    }

    public static Optional<ServiceSpec> byName(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return ALL.stream().map(ServiceSpec::name).toList();
    }

    /**
     * One service of the platform.
     *
     * @param name        the module's folder name, also its log file and data folder name
     * @param defaultPort HTTP port when the platform runs on its usual ports
     * @param defaultManagementPort the port of its management interface (health {@code /q/health}, metrics
     *                    {@code /q/metrics}) when the platform runs on its usual ports: each service its own, since
     *                    they share one host here (Quarkus' default, 9000, would collide)
     * @param database    the PostgreSQL database it owns
     * @param module      the module folder, relative to the repository root
     * @param apiPath     where its API starts, for the printed URLs
     * @param jvmOptions  options of its JVM beyond the launcher's defaults
     * @param issuesTokens true for the gateway: it signs everyone in and publishes the keys the others verify
     *                    tokens with ({@code KECHUANG_GATEWAY_URL}/.well-known/jwks.json); it is always started,
     *                    and gets the administrator's first password
     */
    public record ServiceSpec(String name, int defaultPort, int defaultManagementPort, String database, String module,
            String apiPath, List<String> jvmOptions, boolean issuesTokens) {

        /** The packaged Quarkus application, built by {@code mvn package}. */
        public Path runnerJar(Path repoRoot) {
            return repoRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        }

        public boolean moduleExists(Path repoRoot) {
            return Files.isRegularFile(repoRoot.resolve(module).resolve("pom.xml"));
        }

        public boolean built(Path repoRoot) {
            return Files.isRegularFile(runnerJar(repoRoot));
        }

        /** {@code KECHUANG_ACHIEVEMENT_SERVICE_URL} and so on: where the other processes reach this one. */
        public String urlVariable() {
            return "KECHUANG_" + name.toUpperCase(Locale.ROOT).replace('-', '_') + "_URL";
        }
    }
}

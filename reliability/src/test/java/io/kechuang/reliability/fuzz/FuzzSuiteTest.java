package io.kechuang.reliability.fuzz;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.reliability.HarnessPlatform;
import io.kechuang.reliability.PlatformExtension;
import io.kechuang.testing.security.ApiOperations;
import io.kechuang.testing.security.BadValues;
import io.kechuang.testing.security.SecurityTable;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fuzz suite against the whole platform: {@link FuzzSettings#MIN_REQUESTS} generated requests (seed
 * {@link FuzzSettings#CI_SEED} unless {@code -Dfuzz.seed} says otherwise) through the gateway, with the demo accounts'
 * tokens and the gateway's rate limits raised for the run. Writes {@code target/fuzz-report.md}. Last of the module's
 * classes: it rotates the signing key and starts resyncs.
 */
@Order(Integer.MAX_VALUE)
@ExtendWith(PlatformExtension.class)
class FuzzSuiteTest {

    private static final Path REPO = Path.of(System.getProperty("kechuang.repo", "..")).toAbsolutePath().normalize();
    private static final Path REPORT = Path.of("target", "fuzz-report.md");

    private static PlatformAccess access;

    /** The module's shared platform ({@link PlatformExtension}), or one started by {@code -Dfuzz.platform=<folder>}. */
    @BeforeAll
    static void start(HarnessPlatform platform) {
        String running = System.getProperty("fuzz.platform", "").strip();
        // A platform already started by deploy/local/run --data <folder> (with the raised limits of HarnessPlatform).
        access = running.isEmpty() ? PlatformAccess.of(platform.platform()) : PlatformAccess.running(Path.of(running));
    }

    @Test
    void everyOperationAnswersGeneratedRequestsWithoutAServerErrorAndWithProblems() throws Exception {
        FuzzSettings settings = FuzzSettings.fromSystemProperties();
        System.out.println("Fuzz suite: seed " + settings.seed() + ", " + settings.requests() + " requests"
                + " (replay with -Dfuzz.seed=" + settings.seed() + ")");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        Map<String, SecurityTable> tables = SecurityTable.all();
        ApiOperations api = ApiOperations.of(REPO.resolve("api/kechuang-openapi.json"));
        Schemas schemas = new Schemas(api);

        FuzzWorld world = FuzzWorld.build(access, http, tables, settings.seed());
        Recipes recipes = Recipes.fromTables(tables, FuzzWorld.ROLES.keySet(), world::has);
        RequestGenerator generator = new RequestGenerator(api.operations(), recipes, world,
                new ParameterValues(schemas, world, new BadValues(settings.seed())), new BodyMutations(schemas),
                settings.seed(), settings.requests());

        long t0 = System.nanoTime();
        FuzzRunner runner = new FuzzRunner(access.gatewayUrl(), http, generator, world);
        List<FuzzRunner.Outcome> outcomes = runner.run(settings.threads());
        FuzzReport report = new FuzzReport(settings, outcomes, world.sizes(), (System.nanoTime() - t0) / 1_000_000_000);
        Files.createDirectories(REPORT.toAbsolutePath().getParent());
        Files.writeString(REPORT, report.markdown(), StandardCharsets.UTF_8);
        System.out.println(report.summary());
        System.out.println("Full report: " + REPORT.toAbsolutePath());

        assertAll(
                () -> assertEquals(List.of(), generator.withoutRecipe(), "operations no demo account may call"),
                () -> assertEquals(List.of(), runner.unsent(), "requests the suite could not make or send"),
                () -> assertTrue(report.requests() >= settings.requests(), "requests sent: " + report.requests()),
                () -> assertEquals(0, report.serverErrors().size(), "5xx answers (see " + REPORT + ")"),
                () -> assertEquals(0, report.notProblems().size(), "errors that are not problem+json (see " + REPORT
                        + ")"),
                () -> assertTrue(report.reachedShare() >= 0.70, String.format(
                        "only %.1f %% of the requests reached the handlers", 100 * report.reachedShare())));
    }
}

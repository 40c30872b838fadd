package io.kechuang.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fault-injection harness on the shared platform: load through the gateway while every service, the Kafka broker
 * and PostgreSQL are killed in turn and a service is cut off from PostgreSQL, then nothing acknowledged may be lost,
 * applied twice or left divergent. In the default build the short run (fixed seed, 150 s, a fault every 12 s; its
 * report in {@code target/reliability-short.md}); with {@code -Preliability-long} the 10-minute run, a fault every
 * 20 s, appended to {@code reliability/RESULTS.md}. After the module's other checks, as it kills
 * things; before the fuzz suite, whose key rotations and resyncs it must not meet.
 */
@Order(1000)
@ExtendWith(PlatformExtension.class)
class FaultInjectionTest {

    @Test
    void nothingAcknowledgedIsLostDuplicatedOrDivergentUnderKillsAndCuts(HarnessPlatform platform) throws Exception {
        FaultRun.Config config = FaultRun.Config.fromSystemProperties();
        FaultRun.Outcome outcome = FaultRun.run(platform, config);

        String results = System.getProperty("reliability.results", "");
        boolean longRun = !results.isBlank();
        String command = longRun
                ? "mvn -B -pl reliability -Preliability-long verify -Dreliability.seed=" + config.seed()
                : "mvn -B -pl reliability verify -Dtest=FaultInjectionTest -Dreliability.seed=" + config.seed();
        String report = FaultRun.markdown(outcome, command, FaultRun.commit(platform.repoRoot()));
        System.out.println(report);
        Path written = longRun ? Path.of(results) : Path.of("target", "reliability-short.md");
        Files.writeString(written, "\n" + report, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);

        assertTrue(outcome.acknowledgedWrites() > 0, "the load wrote nothing: " + report);
        assertTrue(outcome.faults().size() >= Faults.KINDS, "every kind of fault at least once: " + report);
        assertEquals(0, outcome.lost(), report);
        assertEquals(0, outcome.duplicates(), report);
        assertEquals(0, outcome.divergent(), report);
    }
}

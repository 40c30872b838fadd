package io.kechuang.matching.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.matching.scoring.ScoringConfig;
import io.kechuang.matching.scoring.ScoringConfig.Bands;
import io.kechuang.matching.scoring.ScoringConfig.Ranking;
import io.kechuang.matching.scoring.ScoringConfig.Weights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scoring configuration file: what the refit writes is what the service reads, and nothing invalid is read. */
class WeightsFileTest {

    private static final WeightsFile.Rankings LEARNED = new WeightsFile.Rankings(
            new Ranking(new Weights(0.8, 0, 0.1, 0.02, 0.03, 0.02, 0.015, 0.015), new Bands(0.33, 0.31)),
            new Ranking(new Weights(0.75, 0.05, 0.1, 0.02, 0.03, 0.02, 0.015, 0.015), new Bands(0.34, 0.32)));

    @Test
    void whatIsWrittenIsReadBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("learned.properties");
        WeightsFile.write(file, LEARNED, List.of("test"));
        assertEquals(LEARNED, WeightsFile.read(file));
        ScoringConfig applied = WeightsFile.read(file).applyTo(ScoringConfig.defaults());
        assertEquals(0.1, applied.hybrid().weights().field());
        assertEquals(0.33, applied.lexical().bands().strong());
        assertEquals(ScoringConfig.defaults().candidates(), applied.candidates());
    }

    @Test
    void weightsThatDoNotSumToOneAreRefusedWithTheFileAndTheSum(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, WeightsFile.format(LEARNED, List.of()).replace("hybrid.field=0.1", "hybrid.field=0.2"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> WeightsFile.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("hybrid weights must sum to 1, got 1.100000"),
                e.getMessage());
    }

    @Test
    void bandsOutOfOrderAreRefused() {
        String text = WeightsFile.format(LEARNED, List.of()).replace("lexical.band.possible=0.31", "lexical.band.possible=0.35");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> WeightsFile.parse(text, "x"));
        assertTrue(e.getMessage().contains("lexical.band.strong (0.33) must not be below lexical.band.possible (0.35)"),
                e.getMessage());
    }

    @Test
    void missingUnknownNegativeOrNonNumericValuesAreRefused() {
        String good = WeightsFile.format(LEARNED, List.of());
        assertTrue(assertThrows(IllegalStateException.class, () -> WeightsFile.parse(
                good.replace("hybrid.region=0.015\n", ""), "x")).getMessage().contains("missing hybrid.region"));
        assertTrue(assertThrows(IllegalStateException.class, () -> WeightsFile.parse(
                good + "hybrid.feild=0.1\n", "x")).getMessage().contains("unknown key hybrid.feild"));
        assertTrue(assertThrows(IllegalStateException.class, () -> WeightsFile.parse(
                good.replace("lexical.ipc=0.02", "lexical.ipc=-0.02"), "x")).getMessage()
                .contains("lexical.ipc must lie in [0,1]"));
        assertTrue(assertThrows(IllegalStateException.class, () -> WeightsFile.parse(
                good.replace("lexical.ipc=0.02", "lexical.ipc=zero"), "x")).getMessage()
                .contains("lexical.ipc is not a number"));
        assertTrue(assertThrows(IllegalStateException.class, () -> WeightsFile.parse(
                good.replace("lexical.text=0.8", "lexical.text=0.75").replace("lexical.semantic=0.0", "lexical.semantic=0.05"),
                "x")).getMessage().contains("lexical.semantic must be 0"));
    }
}

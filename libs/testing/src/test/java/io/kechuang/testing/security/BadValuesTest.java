package io.kechuang.testing.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kechuang.testing.security.ApiOperations.Parameter;
import io.kechuang.testing.security.BadValues.Expect;
import io.kechuang.testing.security.BadValues.Probe;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BadValuesTest {

    private static JsonNode schema(String json) throws IOException {
        return SecurityTable.JSON.readTree(json);
    }

    @Test
    void integersMustFitTheirFormatAndBounds() throws IOException {
        JsonNode page = schema("{\"type\":\"integer\",\"format\":\"int32\",\"minimum\":0}");
        assertTrue(BadValues.accepts(page, "0"));
        assertTrue(BadValues.accepts(page, "2147483647"));
        for (String bad : List.of("-1", "2147483648", "1e400", "NaN", "1.5", "x", "")) {
            assertFalse(BadValues.accepts(page, bad), bad);
        }
        JsonNode big = schema("{\"type\":\"integer\",\"format\":\"int64\"}");
        assertTrue(BadValues.accepts(big, "2147483648"));
        assertFalse(BadValues.accepts(big, "9223372036854775808"));
    }

    @Test
    void numbersMustBeFiniteAndInRange() throws IOException {
        JsonNode score = schema("{\"type\":\"number\",\"minimum\":0,\"maximum\":1}");
        assertTrue(BadValues.accepts(score, "0.25"));
        for (String bad : List.of("NaN", "Infinity", "1e400", "-1", "1.5", "0x10")) {
            assertFalse(BadValues.accepts(score, bad), bad);
        }
    }

    @Test
    void stringsFollowTheirFormatEnumAndLength() throws IOException {
        assertTrue(BadValues.accepts(schema("{\"type\":\"string\",\"format\":\"uuid\"}"),
                "0e1c3c4e-52d6-4b1e-9a53-2c1f0c7f5d10"));
        assertFalse(BadValues.accepts(schema("{\"type\":\"string\",\"format\":\"uuid\"}"), "not-a-uuid"));
        assertFalse(BadValues.accepts(schema("{\"type\":\"string\",\"format\":\"date\"}"), "2026-02-30"));
        assertFalse(BadValues.accepts(schema("{\"type\":\"string\",\"format\":\"date-time\"}"),
                "2026-13-01T25:61:00Z"));
        JsonNode band = schema("{\"type\":\"string\",\"enum\":[\"STRONG\",\"WEAK\"]}");
        assertTrue(BadValues.accepts(band, "strong"));
        assertFalse(BadValues.accepts(band, "NOT_AN_ENUM_VALUE"));
        assertFalse(BadValues.accepts(schema("{\"type\":\"string\",\"maxLength\":5}"), "x".repeat(6)));
        assertTrue(BadValues.accepts(schema("{\"type\":[\"string\",\"null\"]}"), "anything"));
        assertFalse(BadValues.accepts(schema("{\"type\":\"boolean\"}"), "maybe"));
    }

    @Test
    void theSameSeedMakesTheSameProbesAndEveryPathParameterGetsAnUnknownId() throws IOException {
        Parameter id = new Parameter("id", "path", true, schema("{\"type\":\"string\",\"format\":\"uuid\"}"));
        List<Probe> first = new BadValues(26).probes("GET /api/things/{id}", id);
        assertEquals(first, new BadValues(26).probes("GET /api/things/{id}", id));
        assertFalse(first.equals(new BadValues(27).probes("GET /api/things/{id}", id)));
        assertEquals(1, first.stream().filter(p -> p.expect() == Expect.NOT_FOUND).count());
        assertTrue(first.stream().anyMatch(p -> p.value().equals("2147483648") && p.expect() == Expect.CLIENT_ERROR));
    }

    @Test
    void everyIfMatchProbeIsAMismatchAndHeadersStayVisibleAscii() throws IOException {
        Parameter ifMatch = new Parameter("If-Match", "header", false, schema("{\"type\":\"string\"}"));
        List<Probe> probes = new BadValues(26).probes("PUT /api/things/{id}", ifMatch);
        assertTrue(probes.stream().allMatch(p -> p.expect() == Expect.CLIENT_ERROR));
        assertTrue(probes.stream().allMatch(p -> p.value().chars().allMatch(c -> c >= 0x20 && c < 0x7f)));
    }
}

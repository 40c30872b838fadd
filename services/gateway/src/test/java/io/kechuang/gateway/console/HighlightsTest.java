package io.kechuang.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HighlightsTest {

    @Test
    void termsComeFromTheMarkedFragmentsThenKeywordsLongestFirst() {
        Map<String, Object> explanation = Map.of(
                "demandHighlights", List.of("针对<em>大容量</em>软包<em>锂离子电池</em>模组"),
                "achievementHighlights", List.of("<em>锂离子电池</em>热模型"),
                "sharedKeywords", List.of("散热"),
                "matchedTerms", List.of("x"));
        assertEquals(List.of("锂离子电池", "大容量", "散热"), Highlights.terms(explanation),
                "single characters are too weak to mark");
    }

    @Test
    void marksEveryOccurrenceAndEscapesEverythingElse() {
        String marked = Highlights.mark("<script>alert(1)</script>锂离子电池散热，电池", List.of("锂离子电池", "电池"));
        assertEquals("&lt;script&gt;alert(1)&lt;/script&gt;<mark>锂离子电池</mark>散热，<mark>电池</mark>", marked);
        assertEquals("a &amp; b", Highlights.mark("a & b", List.of()));
    }

    @Test
    void aTermWithRegexCharactersIsTakenLiterally() {
        assertEquals("<mark>C++</mark> and C", Highlights.mark("C++ and C", List.of("C++")));
    }

    @Test
    void apiFragmentsKeepTheirMarksButNothingElse() {
        assertEquals("<mark>光伏</mark>&lt;img src=x onerror=alert(1)&gt;",
                Highlights.fragment("<em>光伏</em><img src=x onerror=alert(1)>"));
    }

    @Test
    void jsonEmbeddedInAScriptElementCannotCloseIt() throws Exception {
        String safe = Highlights.scriptSafe(new ObjectMapper().writeValueAsString(Map.of("k", "</script><b>&")));
        assertFalse(safe.contains("<") || safe.contains(">") || safe.contains("&"), safe);
        assertEquals("</script><b>&", new ObjectMapper().readTree(safe).path("k").asText());
    }

    @Test
    void theChartShowsWhatEachFeatureAddedAndWhatItLeftColouredByItsEffect() throws Exception {
        Map<String, Object> match = Map.of(
                "breakdown", Map.of("TEXT", Map.of("value", 0.8, "weight", 0.5, "contribution", 0.4),
                        "REGION", Map.of("value", 0.0, "weight", 0.1, "contribution", 0.0)),
                "explanation", Map.of("reasons", List.of(Map.of("feature", "TEXT", "effect", "RAISED"),
                        Map.of("feature", "REGION", "effect", "LOWERED"))));
        JsonNode option = new ObjectMapper().readTree(Highlights.chart(new ObjectMapper(), match, "贡献"));
        List<String> features = List.of(option.at("/yAxis/data/0").asText(), option.at("/yAxis/data/1").asText());
        assertTrue(features.containsAll(List.of("TEXT", "REGION")));
        int text = features.indexOf("TEXT");
        int region = features.indexOf("REGION");
        assertEquals(0.4, option.at("/series/0/data/" + text + "/value").asDouble(), 1e-9);
        assertEquals(0.1, option.at("/series/1/data/" + text).asDouble(), 1e-9);
        assertEquals("#1a7f37", option.at("/series/0/data/" + text + "/itemStyle/color").asText());
        assertEquals("#c62828", option.at("/series/0/data/" + region + "/itemStyle/color").asText());
        assertFalse(option.toString().contains("<"));
    }
}

package io.kechuang.gateway.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The match page's evidence: the terms the two texts share, marked in both full texts, and the chart of how each
 * feature moved the score. Texts are HTML-escaped first; only the console's own {@code <mark>} tags are added.
 */
final class Highlights {

    private static final Pattern EM = Pattern.compile("<em>(.*?)</em>");
    private static final int MAX_TERMS = 40;

    private Highlights() {
    }

    /** Surface forms from the API's highlighted fragments, then its shared keywords and matched terms. */
    static List<String> terms(Map<String, Object> explanation) {
        Set<String> terms = new LinkedHashSet<>();
        for (String key : List.of("demandHighlights", "achievementHighlights")) {
            if (explanation.get(key) instanceof List<?> fragments) {
                for (Object fragment : fragments) {
                    Matcher m = EM.matcher(String.valueOf(fragment));
                    while (m.find()) {
                        terms.add(m.group(1).trim());
                    }
                }
            }
        }
        for (String key : List.of("sharedKeywords", "matchedTerms")) {
            if (explanation.get(key) instanceof List<?> list) {
                list.forEach(t -> terms.add(String.valueOf(t).trim()));
            }
        }
        List<String> sorted = new ArrayList<>(terms.stream().filter(t -> t.length() >= 2).limit(MAX_TERMS).toList());
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        return sorted;
    }

    /** Escapes the text and marks every occurrence of the terms (longest first, never inside another mark). */
    static String mark(String text, List<String> terms) {
        if (text == null || text.isEmpty() || terms.isEmpty()) {
            return escape(text);
        }
        StringBuilder alternatives = new StringBuilder();
        for (String term : terms) {
            alternatives.append(alternatives.isEmpty() ? "" : "|").append(Pattern.quote(term));
        }
        Matcher m = Pattern.compile(alternatives.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                .matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(escape(text.substring(last, m.start()))).append("<mark>")
                    .append(escape(m.group())).append("</mark>");
            last = m.end();
        }
        return out.append(escape(text.substring(last))).toString();
    }

    /** A search or explanation fragment from the API: escaped, with its {@code <em>} marks kept as marks. */
    static String fragment(String fragment) {
        return escape(fragment).replace("&lt;em&gt;", "<mark>").replace("&lt;/em&gt;", "</mark>");
    }

    static String join(Object... parts) {
        StringBuilder text = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof List<?> list) {
                list.forEach(item -> text.append(text.isEmpty() ? "" : "\n").append(item));
            } else if (part != null) {
                text.append(text.isEmpty() ? "" : "\n\n").append(part);
            }
        }
        return text.toString();
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The score chart (an ECharts option): per feature, what it added to the score (its weight times its value),
     * and what it left unreached (up to its weight), coloured by the explanation's effect (raised, lowered,
     * neutral).
     */
    @SuppressWarnings("unchecked")
    static String chart(ObjectMapper json, Map<String, Object> match, String contributionLabel) {
        Map<String, Object> breakdown = match.get("breakdown") instanceof Map<?, ?> b ? (Map<String, Object>) b
                : Map.of();
        Map<String, String> effects = new java.util.HashMap<>();
        if (match.get("explanation") instanceof Map<?, ?> e && e.get("reasons") instanceof List<?> reasons) {
            for (Object r : reasons) {
                if (r instanceof Map<?, ?> reason) {
                    effects.put(String.valueOf(reason.get("feature")), String.valueOf(reason.get("effect")));
                }
            }
        }
        ObjectNode option = json.createObjectNode();
        ArrayNode categories = json.createArrayNode();
        ArrayNode reached = json.createArrayNode();
        ArrayNode rest = json.createArrayNode();
        breakdown.forEach((feature, value) -> {
            Map<String, Object> score = (Map<String, Object>) value;
            double weight = number(score.get("weight"));
            double contribution = number(score.get("contribution"));
            categories.add(feature);
            String effect = effects.getOrDefault(feature, contribution >= weight / 2 ? "RAISED" : "LOWERED");
            reached.addObject().put("value", round(contribution)).putObject("itemStyle").put("color",
                    switch (effect) {
                        case "RAISED" -> "#1a7f37";
                        case "LOWERED" -> "#c62828";
                        default -> "#6b7280";
                    });
            rest.add(round(Math.max(0, weight - contribution)));
        });
        option.putObject("tooltip").put("trigger", "axis");
        option.putObject("grid").put("left", 110).put("right", 20).put("top", 10).put("bottom", 30);
        option.putObject("xAxis").put("type", "value");
        option.putObject("yAxis").put("type", "category").set("data", categories);
        ArrayNode series = option.putArray("series");
        series.addObject().put("name", contributionLabel).put("type", "bar").put("stack", "w").set("data", reached);
        series.addObject().put("name", "max").put("type", "bar").put("stack", "w").put("silent", true)
                .set("data", rest);
        ((ObjectNode) series.get(1)).putObject("itemStyle").put("color", "#e5e7eb");
        return scriptSafe(option.toString());
    }

    /** JSON to embed in a {@code <script type="application/json">}: no {@code <} can end the element early. */
    static String scriptSafe(String json) {
        return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0;
    }

    private static double round(double d) {
        return Math.round(d * 1000) / 1000.0;
    }
}

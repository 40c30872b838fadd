package io.kechuang.gateway.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** The statistics dashboard's charts, as ECharts options built from {@code /api/matches/stats}. */
final class Statistics {

    private Statistics() {
    }

    /** One JSON object: chart id → ECharts option. Enum values are shown in the page's language. */
    static String charts(ObjectMapper json, JsonNode stats, Map<String, String> t) {
        ObjectNode charts = json.createObjectNode();
        charts.set("funnel", funnel(json, stats.path("funnel"), t));
        charts.set("byField", bars(json, stats.path("byField"), t, false));
        charts.set("byRegion", bars(json, stats.path("byRegion"), t, false));
        charts.set("byMonth", bars(json, stats.path("byMonth"), t, true));
        charts.set("contractValue", bars(json, stats.path("contractValue"), t, false));
        charts.set("declineReasons", pie(json, stats.path("declineReasons"), t));
        return Highlights.scriptSafe(charts.toString());
    }

    private static ObjectNode funnel(ObjectMapper json, JsonNode counts, Map<String, String> t) {
        ObjectNode option = json.createObjectNode();
        option.putObject("tooltip").put("trigger", "item");
        ArrayNode data = json.createArrayNode();
        counts.fields().forEachRemaining(e -> data.addObject().put("name", t.getOrDefault(e.getKey(), e.getKey()))
                .put("value", e.getValue().asLong()));
        option.putArray("series").addObject().put("type", "funnel").put("sort", "descending").put("minSize", "10%")
                .set("data", data);
        return option;
    }

    private static ObjectNode bars(ObjectMapper json, JsonNode counts, Map<String, String> t, boolean line) {
        ObjectNode option = json.createObjectNode();
        option.putObject("tooltip").put("trigger", "axis");
        option.putObject("grid").put("left", 60).put("right", 20).put("top", 20).put("bottom", 60);
        ArrayNode names = json.createArrayNode();
        ArrayNode values = json.createArrayNode();
        counts.fields().forEachRemaining(e -> {
            names.add(t.getOrDefault(e.getKey(), e.getKey()));
            values.add(e.getValue().asDouble());
        });
        ObjectNode x = option.putObject("xAxis").put("type", "category");
        x.set("data", names);
        x.putObject("axisLabel").put("rotate", line ? 0 : 30);
        option.putObject("yAxis").put("type", "value");
        option.putArray("series").addObject().put("type", line ? "line" : "bar").set("data", values);
        return option;
    }

    private static ObjectNode pie(ObjectMapper json, JsonNode counts, Map<String, String> t) {
        ObjectNode option = json.createObjectNode();
        option.putObject("tooltip").put("trigger", "item");
        ArrayNode data = json.createArrayNode();
        counts.fields().forEachRemaining(e -> data.addObject().put("name", t.getOrDefault(e.getKey(), e.getKey()))
                .put("value", e.getValue().asLong()));
        option.putArray("series").addObject().put("type", "pie").put("radius", "65%").set("data", data);
        return option;
    }
}

package io.kechuang.gateway.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kechuang.common.problem.ProblemException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a console form into the JSON body of an API call. A field's name says where its value goes and what it is:
 * {@code contact.person} nests, and a suffix types it: {@code :number}, {@code :int}, {@code :bool} (a checkbox),
 * {@code :list} (one item per line, or separated by commas or 、), {@code :array} (the field repeated, e.g. a group of
 * checkboxes), {@code :datetime} (an HTML {@code datetime-local} value, read in the platform's zone, Asia/Shanghai).
 * Empty values are left out, so the API applies its own defaults and names what is missing. Fields starting with
 * {@code _} steer the console and never reach the API.
 */
final class FormBody {

    /** The platform's zone (GB: UTC+8, no daylight saving). */
    static final String ZONE_OFFSET = "+08:00";
    private static final Pattern LIST_SEPARATORS = Pattern.compile("[\\r\\n,，、;；]+");

    private FormBody() {
    }

    static ObjectNode toJson(ObjectMapper json, Map<String, List<String>> form) {
        ObjectNode body = json.createObjectNode();
        for (Map.Entry<String, List<String>> field : form.entrySet()) {
            String name = field.getKey();
            if (name.startsWith("_") || field.getValue() == null) {
                continue;
            }
            String type = "";
            int colon = name.indexOf(':');
            if (colon > 0) {
                type = name.substring(colon + 1);
                name = name.substring(0, colon);
            }
            String[] path = name.split("\\.");
            ObjectNode parent = body;
            for (int i = 0; i < path.length - 1; i++) {
                parent = parent.has(path[i]) ? (ObjectNode) parent.get(path[i]) : parent.putObject(path[i]);
            }
            put(parent, path[path.length - 1], type, field.getValue(), name);
        }
        return body;
    }

    private static void put(ObjectNode parent, String key, String type, List<String> values, String fullName) {
        if (type.equals("array")) {
            ArrayNode array = parent.putArray(key);
            values.stream().filter(v -> v != null && !v.isBlank()).forEach(v -> array.add(v.trim()));
            return;
        }
        if (type.equals("bool")) {
            parent.put(key, values.stream().anyMatch(v -> v.equals("on") || v.equals("true")));
            return;
        }
        String value = values.isEmpty() || values.get(0) == null ? "" : values.get(values.size() - 1).trim();
        if (value.isEmpty()) {
            return;
        }
        try {
            switch (type) {
                case "number" -> parent.put(key, new BigDecimal(value.replace(",", "")));
                case "int" -> parent.put(key, Integer.parseInt(value));
                case "list" -> {
                    ArrayNode array = parent.putArray(key);
                    for (String item : LIST_SEPARATORS.split(value)) {
                        if (!item.isBlank()) {
                            array.add(item.trim());
                        }
                    }
                }
                case "datetime" -> parent.put(key, (value.length() == 16 ? value + ":00" : value) + ZONE_OFFSET);
                default -> parent.put(key, value);
            }
        } catch (NumberFormatException e) {
            throw ProblemException.validation(fullName, "must be a number");
        }
    }
}

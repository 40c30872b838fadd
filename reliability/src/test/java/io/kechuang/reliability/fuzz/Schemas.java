package io.kechuang.reliability.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/** Reads the API document's schemas: local {@code $ref}s and Quarkus' single-entry {@code allOf} followed. */
final class Schemas {

    private final JsonNode document;

    Schemas(JsonNode document) {
        this.document = document;
    }

    JsonNode resolve(JsonNode schema) {
        JsonNode n = schema == null ? MissingNode.getInstance() : schema;
        for (int hops = 0; hops < 10; hops++) {
            if (n.has("$ref") && n.path("$ref").asText().startsWith("#/")) {
                n = document.at(n.path("$ref").asText().substring(1));
            } else if (n.has("allOf") && n.path("allOf").size() == 1 && !n.has("type")) {
                n = n.path("allOf").get(0);
            } else {
                return n;
            }
        }
        return n;
    }

    /** The schema of a property of an object schema (resolved), or missing. */
    JsonNode property(JsonNode object, String name) {
        return resolve(resolve(object).path("properties").path(name));
    }

    JsonNode items(JsonNode array) {
        return resolve(resolve(array).path("items"));
    }

    boolean required(JsonNode object, String name) {
        for (JsonNode r : resolve(object).path("required")) {
            if (r.asText().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The JSON type a schema asks for ({@code string} when it names none). */
    static String type(JsonNode schema) {
        JsonNode t = schema.path("type");
        if (t.isArray()) {
            for (JsonNode x : t) {
                if (!x.asText().equals("null")) {
                    return x.asText();
                }
            }
        }
        if (t.isTextual()) {
            return t.asText();
        }
        if (schema.has("properties")) {
            return "object";
        }
        if (schema.has("items")) {
            return "array";
        }
        return "string";
    }

    /** A schema's {@code enum} values as text, empty when it has none. */
    static java.util.List<String> enumValues(JsonNode schema) {
        java.util.List<String> values = new java.util.ArrayList<>();
        schema.path("enum").forEach(v -> {
            if (!v.isNull()) {
                values.add(v.asText());
            }
        });
        return values;
    }
}

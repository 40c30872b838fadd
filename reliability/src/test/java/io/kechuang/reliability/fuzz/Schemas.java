package io.kechuang.reliability.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.kechuang.testing.security.ApiOperations;

/** Reads the API document's schemas: local {@code $ref}s and Quarkus' single-entry {@code allOf} followed. */
final class Schemas {

    private final ApiOperations api;

    Schemas(ApiOperations api) {
        this.api = api;
    }

    JsonNode resolve(JsonNode schema) {
        return api.resolve(schema == null ? MissingNode.getInstance() : schema);
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

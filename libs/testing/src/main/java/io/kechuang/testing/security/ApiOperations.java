package io.kechuang.testing.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The operations of an OpenAPI 3 document, with their parameters and request body, {@code $ref}s resolved. */
public final class ApiOperations {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    /** A parameter: where it goes, whether it is required, and its (resolved) schema. */
    public record Parameter(String name, String in, boolean required, JsonNode schema) {
    }

    /**
     * An operation. {@code bodyTypes} lists the request body's media types (empty when it takes none);
     * {@code bodySchema} is the schema of its JSON body, if any.
     */
    public record Operation(String method, String path, List<Parameter> parameters, List<String> bodyTypes,
            JsonNode bodySchema) {

        public String key() {
            return method + " " + path;
        }

        public boolean takesJson() {
            return bodyTypes.stream().anyMatch(t -> t.equals("application/json") || t.endsWith("+json"));
        }
    }

    private final JsonNode document;
    private final Map<String, Operation> operations;

    private ApiOperations(JsonNode document) {
        this.document = document;
        this.operations = read();
    }

    public static ApiOperations of(String json) {
        try {
            return new ApiOperations(SecurityTable.JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ApiOperations of(Path file) {
        try {
            return new ApiOperations(SecurityTable.JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** By {@code METHOD /path}, in document order. */
    public Map<String, Operation> operations() {
        return operations;
    }

    private Map<String, Operation> read() {
        Map<String, Operation> ops = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            JsonNode item = resolve(path.getValue());
            for (Iterator<Map.Entry<String, JsonNode>> m = item.fields(); m.hasNext();) {
                Map.Entry<String, JsonNode> method = m.next();
                if (!METHODS.contains(method.getKey())) {
                    continue;
                }
                JsonNode op = method.getValue();
                Map<String, Parameter> params = new LinkedHashMap<>();
                for (JsonNode p : item.path("parameters")) {
                    add(params, resolve(p));
                }
                for (JsonNode p : op.path("parameters")) {
                    add(params, resolve(p));
                }
                List<String> bodyTypes = new ArrayList<>();
                JsonNode bodySchema = MissingNode.getInstance();
                JsonNode content = resolve(op.path("requestBody")).path("content");
                for (Iterator<Map.Entry<String, JsonNode>> c = content.fields(); c.hasNext();) {
                    Map.Entry<String, JsonNode> type = c.next();
                    bodyTypes.add(type.getKey());
                    if (bodySchema.isMissingNode() && (type.getKey().equals("application/json")
                            || type.getKey().endsWith("+json"))) {
                        bodySchema = resolve(type.getValue().path("schema"));
                    }
                }
                String key = method.getKey().toUpperCase() + " " + path.getKey();
                ops.put(key, new Operation(method.getKey().toUpperCase(), path.getKey(), List.copyOf(params.values()),
                        List.copyOf(bodyTypes), bodySchema));
            }
        }
        return ops;
    }

    private void add(Map<String, Parameter> params, JsonNode p) {
        String in = p.path("in").asText();
        if (in.equals("cookie")) {
            return;
        }
        params.put(in + ":" + p.path("name").asText(), new Parameter(p.path("name").asText(), in,
                p.path("required").asBoolean(in.equals("path")), resolve(p.path("schema"))));
    }

    /** Follows local {@code $ref}s ({@code #/components/...}), and the single-entry {@code allOf} Quarkus writes. */
    public JsonNode resolve(JsonNode node) {
        JsonNode n = node;
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
}

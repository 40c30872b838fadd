package io.kechuang.gateway.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.kechuang.gateway.GatewayConfig;
import io.kechuang.gateway.routing.Route;
import io.kechuang.gateway.routing.RouteTable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One OpenAPI document for the whole platform, merged from the gateway's own document and each service's
 * {@code /q/openapi}, fetched in parallel and reused for {@code kechuang.gateway.openapi.cache-for}. A service only
 * contributes the paths the gateway routes to it. Components with the same name and the same content are shared
 * (problem+json, pages); a clash of different content is renamed after the service, with its references. Services
 * that cannot be reached are left out and named in the document. Every secured operation also accepts the OAuth2
 * scheme, so Swagger UI's Authorize button (password or client credentials) signs the requests in.
 */
@ApplicationScoped
public class PlatformApiDocument {

    static final String OWN = "gateway";
    private static final List<String> COMPONENT_SECTIONS = List.of("schemas", "responses", "parameters", "examples",
            "requestBodies", "headers", "securitySchemes", "links", "callbacks", "pathItems");
    private static final String SCHEMAS = "#/components/schemas/";
    private static final String RESPONSES = "#/components/responses/";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    @Inject
    Vertx vertx;

    @Inject
    RouteTable routes;

    @Inject
    GatewayConfig config;

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "quarkus.http.host", defaultValue = "0.0.0.0")
    String httpHost;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int httpPort;

    private volatile HttpClient client;
    private volatile Cached cached;

    private record Cached(ObjectNode document, long expiresAt) {
    }

    /** What one source contributed, or why it could not. */
    record Source(String name, String url, List<Route> routes, JsonNode document, String error) {
    }

    /** The merged document (a fresh copy: callers may not change the cached one). */
    public Future<ObjectNode> document() {
        Cached c = cached;
        if (c != null && System.nanoTime() < c.expiresAt()) {
            return Future.succeededFuture(c.document().deepCopy());
        }
        List<Future<Source>> fetches = new ArrayList<>();
        fetches.add(fetch(OWN, selfBase(), List.of()));
        routes.byService().forEach((base, served) -> fetches.add(fetch(served.getFirst().name(), base, served)));
        return Future.all(fetches).map(all -> {
            List<Source> sources = fetches.stream().map(Future::result).toList();
            ObjectNode merged = merge(sources);
            cached = new Cached(merged, System.nanoTime() + config.openApi().cacheFor().toNanos());
            return merged.deepCopy();
        });
    }

    private Future<Source> fetch(String name, String base, List<Route> served) {
        URI uri = URI.create(base);
        boolean tls = "https".equals(uri.getScheme());
        long timeout = config.openApi().fetchTimeout().toMillis();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setHost(uri.getHost())
                .setPort(uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80).setSsl(tls)
                .setURI("/q/openapi?format=json").setConnectTimeout(timeout).setIdleTimeout(timeout)
                .putHeader(HttpHeaders.ACCEPT, "application/json");
        return client().request(options)
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200 ? response.body()
                        : Future.failedFuture("HTTP " + response.statusCode()))
                .map(body -> {
                    try {
                        return new Source(name, base, served, mapper.readTree(body.getBytes()), null);
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException("not a JSON document", e);
                    }
                })
                .otherwise(failure -> new Source(name, base, served, null,
                        failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage()));
    }

    ObjectNode merge(List<Source> sources) {
        ObjectNode out = mapper.createObjectNode();
        Source own = sources.getFirst();
        out.put("openapi", own.document() != null ? own.document().path("openapi").asText("3.1.0") : "3.1.0");
        ObjectNode info = out.putObject("info");
        info.put("title", "Kechuang platform API (科创通)");
        info.put("version", own.document() != null ? own.document().path("info").path("version").asText("0.1.0") : "0.1.0");
        ArrayNode tags = out.putArray("tags");
        ObjectNode paths = out.putObject("paths");
        ObjectNode components = out.putObject("components");
        ArrayNode described = mapper.createArrayNode();
        List<String> missing = new ArrayList<>();
        List<Descriptions.Service> services = new ArrayList<>();
        for (Source source : sources) {
            ObjectNode entry = described.addObject();
            entry.put("name", source.name());
            entry.put("url", source.url());
            ArrayNode prefixes = entry.putArray("routes");
            source.routes().forEach(r -> prefixes.add(r.prefix()));
            entry.put("reachable", source.document() != null);
            if (source.document() == null) {
                entry.put("error", source.error());
                missing.add((source.routes().isEmpty() ? "the gateway itself"
                        : String.join(", ", source.routes().stream().map(Route::prefix).toList()))
                        + " (" + source.url() + ": " + source.error() + ")");
                continue;
            }
            if (source.document().path("info").hasNonNull("title")) {
                entry.put("title", source.document().path("info").path("title").asText());
            }
            services.add(new Descriptions.Service(source.document().path("info").path("title").asText(source.name()),
                    source.document().path("info").path("description").asText(""),
                    source.routes().isEmpty() ? List.of("/auth", "/.well-known", "/api/admin")
                            : source.routes().stream().map(Route::prefix).toList()));
            Predicate<String> served = source.routes().isEmpty() ? path -> !path.startsWith("/q/")
                    : path -> source.routes().stream().anyMatch(r -> r.covers(path));
            add(source.name(), source.document().deepCopy(), served, paths, components, tags);
        }
        ObjectNode schemes = components.has("securitySchemes") ? (ObjectNode) components.get("securitySchemes")
                : components.putObject("securitySchemes");
        schemes.set("jwt", bearerScheme());
        schemes.set("oauth2", oauthScheme());
        acceptOAuth(paths);
        components.set("responses", gatewayResponses(components.path("responses")));
        dropUnreferenced(out);
        info.put("description", Descriptions.platform(missing, services));
        out.set("x-kechuang-sources", described);
        return out;
    }

    private void add(String name, ObjectNode doc, Predicate<String> served, ObjectNode paths, ObjectNode components,
            ArrayNode tags) {
        namePages(doc);
        inlineScalars(doc);
        JsonNode theirs = doc.path("components");
        Map<String, String> renames = new HashMap<>();
        for (String section : COMPONENT_SECTIONS) {
            JsonNode mine = components.path(section);
            theirs.path(section).fieldNames().forEachRemaining(key -> {
                JsonNode existing = mine.get(key);
                if (existing != null && !existing.equals(theirs.path(section).get(key))) {
                    renames.put("#/components/" + section + "/" + key,
                            "#/components/" + section + "/" + name + "_" + key);
                }
            });
        }
        if (!renames.isEmpty()) {
            rewriteRefs(doc, renames);
        }
        for (String section : COMPONENT_SECTIONS) {
            JsonNode part = doc.path("components").path(section);
            if (!part.isObject() || part.isEmpty()) {
                continue;
            }
            ObjectNode target = components.has(section) ? (ObjectNode) components.get(section)
                    : components.putObject(section);
            part.fields().forEachRemaining(e -> {
                String ref = "#/components/" + section + "/" + e.getKey();
                String key = renames.containsKey(ref) ? name + "_" + e.getKey() : e.getKey();
                if (!target.has(key)) {
                    target.set(key, e.getValue());
                }
            });
        }
        boolean proxied = !name.equals(OWN);
        doc.path("paths").fields().forEachRemaining(e -> {
            if (!served.test(e.getKey())) {
                return;
            }
            if (proxied) {
                declareGatewayErrors(e.getValue());
            }
            if (!paths.has(e.getKey())) {
                paths.set(e.getKey(), e.getValue());
            } else if (paths.get(e.getKey()) instanceof ObjectNode existing && e.getValue() instanceof ObjectNode item) {
                item.fields().forEachRemaining(op -> {
                    if (!existing.has(op.getKey())) {
                        existing.set(op.getKey(), op.getValue());
                    }
                });
            }
        });
        Set<String> known = new HashSet<>();
        tags.forEach(t -> known.add(t.path("name").asText()));
        doc.path("tags").forEach(t -> {
            if (known.add(t.path("name").asText())) {
                tags.add(t);
            }
        });
    }

    /**
     * Renames the schemas SmallRye makes of {@code Page<X>} ({@code PageAchievementView}, …) after what they hold:
     * {@code AchievementPage}. The raw {@code Page} has no item type and nothing refers to it.
     */
    private static void namePages(ObjectNode doc) {
        JsonNode schemas = doc.path("components").path("schemas");
        Map<String, String> renames = new HashMap<>();
        schemas.fields().forEachRemaining(e -> {
            String item = e.getValue().path("properties").path("items").path("items").path("$ref").asText("");
            if (e.getKey().startsWith("Page") && item.startsWith(SCHEMAS)) {
                renames.put(SCHEMAS + e.getKey(), SCHEMAS + item.substring(SCHEMAS.length()) + "Page");
            }
        });
        if (renames.isEmpty()) {
            return;
        }
        ObjectNode renamed = doc.objectNode();
        schemas.fields().forEachRemaining(e -> {
            String to = renames.get(SCHEMAS + e.getKey());
            renamed.set(to == null ? e.getKey() : to.substring(SCHEMAS.length()), e.getValue());
        });
        ((ObjectNode) doc.path("components")).set("schemas", renamed);
        rewriteRefs(doc, renames);
    }

    /**
     * Replaces references to plain strings and numbers ({@code UUID}, {@code LocalDate}, {@code OffsetDateTime}: a
     * type and a format, SmallRye's names for Java types) by the schema itself, so that generated clients type the
     * field {@code UUID} or {@code OffsetDateTime} instead of making a model class of it. Enumerations stay named.
     */
    private static void inlineScalars(ObjectNode doc) {
        Map<String, JsonNode> scalars = new HashMap<>();
        doc.path("components").path("schemas").fields().forEachRemaining(e -> {
            String type = e.getValue().path("type").asText("");
            if (!e.getValue().has("enum") && !e.getValue().has("$ref") && !e.getValue().has("properties")
                    && (type.equals("string") || type.equals("integer") || type.equals("number"))) {
                scalars.put(SCHEMAS + e.getKey(), e.getValue());
            }
        });
        if (!scalars.isEmpty()) {
            inline(doc, scalars);
        }
    }

    private static void inline(JsonNode node, Map<String, JsonNode> scalars) {
        if (node instanceof ObjectNode object) {
            JsonNode target = object.has("$ref") ? scalars.get(object.get("$ref").asText()) : null;
            if (target != null) {
                object.remove("$ref");
                target.fields().forEachRemaining(f -> object.putIfAbsent(f.getKey(), f.getValue().deepCopy()));
            }
        }
        node.elements().forEachRemaining(child -> inline(child, scalars));
    }

    /** What the gateway answers for any proxied call, besides what the service answers. */
    private static void declareGatewayErrors(JsonNode item) {
        item.fields().forEachRemaining(op -> {
            if (!METHODS.contains(op.getKey()) || !(op.getValue().get("responses") instanceof ObjectNode responses)) {
                return;
            }
            if (op.getValue().has("requestBody")) {
                responses.putIfAbsent("413", responses.objectNode().put("$ref", RESPONSES + "PayloadTooLarge"));
            }
            responses.putIfAbsent("429", responses.objectNode().put("$ref", RESPONSES + "RateLimited"));
            responses.putIfAbsent("503", responses.objectNode().put("$ref", RESPONSES + "ServiceUnavailable"));
            responses.putIfAbsent("504", responses.objectNode().put("$ref", RESPONSES + "GatewayTimeout"));
        });
    }

    private ObjectNode gatewayResponses(JsonNode existing) {
        ObjectNode responses = existing instanceof ObjectNode o ? o : mapper.createObjectNode();
        responses.set("PayloadTooLarge", problemResponse("The body is larger than the gateway accepts (16 MB)", false));
        responses.set("RateLimited", problemResponse("Too many requests for this token: wait Retry-After seconds", true));
        responses.set("ServiceUnavailable", problemResponse(
                "The service behind this path, or its database, is unavailable: retry after Retry-After seconds", true));
        responses.set("GatewayTimeout", problemResponse("The service behind this path did not answer in time", false));
        return responses;
    }

    private ObjectNode problemResponse(String description, boolean retryAfter) {
        ObjectNode response = mapper.createObjectNode().put("description", description);
        if (retryAfter) {
            response.putObject("headers").putObject("Retry-After").put("description", "Seconds to wait")
                    .putObject("schema").put("type", "integer");
        }
        response.putObject("content").putObject("application/problem+json").putObject("schema")
                .put("$ref", SCHEMAS + "Problem");
        return response;
    }

    /**
     * Leaves out components nothing refers to (directly or through other components), such as the raw
     * {@code Page} or a service's own copy of a shared schema. Security schemes are kept: they are named, not
     * referred to.
     */
    private static void dropUnreferenced(ObjectNode document) {
        ObjectNode components = (ObjectNode) document.path("components");
        while (true) {
            Set<String> referenced = new HashSet<>();
            collectRefs(document.path("paths"), referenced);
            components.fields().forEachRemaining(section -> section.getValue().fields()
                    .forEachRemaining(c -> collectRefs(c.getValue(), referenced)));
            boolean dropped = false;
            for (String section : COMPONENT_SECTIONS) {
                if (section.equals("securitySchemes") || !(components.get(section) instanceof ObjectNode part)) {
                    continue;
                }
                List<String> unused = new ArrayList<>();
                part.fieldNames().forEachRemaining(key -> {
                    if (!referenced.contains("#/components/" + section + "/" + key)) {
                        unused.add(key);
                    }
                });
                part.remove(unused);
                dropped |= !unused.isEmpty();
            }
            if (!dropped) {
                return;
            }
        }
    }

    private static void collectRefs(JsonNode node, Set<String> into) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual()) {
                into.add(ref.asText());
            }
        }
        node.elements().forEachRemaining(child -> collectRefs(child, into));
    }

    /** Points {@code $ref}s at renamed components. */
    private static void rewriteRefs(JsonNode node, Map<String, String> renames) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && renames.containsKey(ref.asText())) {
                object.set("$ref", TextNode.valueOf(renames.get(ref.asText())));
            }
            object.elements().forEachRemaining(child -> rewriteRefs(child, renames));
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(child -> rewriteRefs(child, renames));
        }
    }

    /** Lets every operation that requires some scheme also be called with the OAuth2 scheme. */
    private static void acceptOAuth(ObjectNode paths) {
        paths.elements().forEachRemaining(item -> {
            for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> op = it.next();
                if (METHODS.contains(op.getKey()) && op.getValue().get("security") instanceof ArrayNode security
                        && !security.isEmpty()) {
                    boolean has = false;
                    for (JsonNode requirement : security) {
                        has |= requirement.has("oauth2");
                    }
                    if (!has) {
                        security.addObject().putArray("oauth2");
                    }
                }
            }
        });
    }

    private ObjectNode bearerScheme() {
        ObjectNode jwt = mapper.createObjectNode();
        jwt.put("type", "http");
        jwt.put("scheme", "bearer");
        jwt.put("bearerFormat", "JWT");
        jwt.put("description", "An access token from POST /auth/token, sent as Authorization: Bearer <token>");
        return jwt;
    }

    private ObjectNode oauthScheme() {
        ObjectNode oauth = mapper.createObjectNode();
        oauth.put("type", "oauth2");
        oauth.put("description", "Sign in here: password for people, client credentials for partner portals");
        ObjectNode flows = oauth.putObject("flows");
        flows.putObject("password").put("tokenUrl", "/auth/token").putObject("scopes");
        flows.putObject("clientCredentials").put("tokenUrl", "/auth/token").putObject("scopes");
        return oauth;
    }

    private String selfBase() {
        String host = "0.0.0.0".equals(httpHost) || "::".equals(httpHost) || "[::]".equals(httpHost) ? "127.0.0.1"
                : httpHost;
        return "http://" + host + ":" + httpPort;
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = vertx.createHttpClient();
                }
                c = client;
            }
        }
        return c;
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }
}

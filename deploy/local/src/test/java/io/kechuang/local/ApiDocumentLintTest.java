package io.kechuang.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/**
 * The lint of the committed API contract, {@code api/kechuang-openapi.json} (written and kept current by
 * {@code ApiContractTest}, in the reliability module): no server needed, so it fails fast. First swagger-parser's validation of the document as
 * OpenAPI 3.1, then the platform's own rules, each of which lists every operation that breaks it: what generated
 * clients, the planned security and fuzz suites and partner portals rely on.
 */
class ApiDocumentLintTest {

    /** The committed contract (written by the reliability module's ApiContractTest), relative to this module. */
    static final Path COMMITTED = Path.of("../../api/kechuang-openapi.json");

    /** The only operations anyone may call without a token. */
    static final Set<String> PUBLIC_OPERATIONS = Set.of("issueToken", "getJwks", "getWellKnownJwks");
    private static final Pattern OPERATION_ID = Pattern.compile("[a-z][a-zA-Z]{2,}");
    private static final Pattern CJK = Pattern.compile("\\p{IsHan}");
    private static final String PROBLEM = "#/components/schemas/Problem";
    /**
     * Lists without {@code updatedSince}, for now: the admin's lists of the gateway's organisations, users and API
     * clients (the gateway keeps no change time for them yet), of resync runs, and the append-only audit logs of
     * confidential reads (newest first: a reader pages until it meets what it has).
     */
    static final Set<String> LISTS_WITHOUT_CHANGE_FEED = Set.of("listOrganisations", "listUsers", "listClients",
            "listAchievementResyncs", "listDemandResyncs", "listAchievementConfidentialReads",
            "listDemandConfidentialReads",
            // One match's history is append-only, oldest first: a portal sees the match change through the match
            // lists' updatedSince and reads on from the last page it has.
            "getMatchHistory",
            // Operators' views, not market data a portal keeps in step: import jobs (newest first) and dead letters.
            "listAchievementImports", "listDemandImports", "listAchievementDeadLetters", "listDemandDeadLetters",
            "listMatchDeadLetters");

    private static JsonNode json;
    private static OpenAPI api;

    @BeforeAll
    static void parse() throws IOException {
        String text = Files.readString(COMMITTED, StandardCharsets.UTF_8);
        json = new ObjectMapper().readTree(text);
        ParseOptions options = new ParseOptions();
        options.setResolve(false);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(text, null, options);
        assertEquals(List.of(), result.getMessages(), "swagger-parser: the document is not valid OpenAPI 3.1");
        api = result.getOpenAPI();
    }

    @Test
    void theDocumentIsOpenApi31AndCoversEveryService() {
        assertEquals("3.1.0", api.getOpenapi());
        Set<String> prefixes = new TreeSet<>();
        api.getPaths().keySet().forEach(p -> prefixes.add(p.split("/")[1] + "/" + (p.split("/").length > 2 ? p.split("/")[2] : "")));
        for (String prefix : List.of("api/achievements", "api/demands", "api/matches", "api/search", "api/admin",
                "auth/token", ".well-known/jwks.json")) {
            assertTrue(prefixes.contains(prefix), prefix + " is missing: " + prefixes);
        }
        json.path("x-kechuang-sources").forEach(source -> assertTrue(source.path("reachable").asBoolean(),
                "written while a service was down: " + source));
    }

    @Test
    void everyOperationHasAStableReadableUniqueOperationId() {
        List<String> broken = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        operations((where, op) -> {
            String id = op.getOperationId();
            if (id == null || !OPERATION_ID.matcher(id).matches()) {
                broken.add(where + ": operationId " + id + " is not a lowerCamelCase word");
            } else if (seen.putIfAbsent(id, where) != null) {
                broken.add(where + ": operationId " + id + " is used by " + seen.get(id) + " too");
            }
            if (op.getSummary() == null || op.getSummary().isBlank()) {
                broken.add(where + ": no summary");
            }
        });
        assertEquals(List.of(), broken);
    }

    @Test
    void everyOperationDeclaresItsSuccessAndItsErrorsAsProblemJson() {
        List<String> broken = new ArrayList<>();
        operations((where, op) -> {
            Map<String, ApiResponse> responses = op.getResponses();
            if (responses.keySet().stream().noneMatch(code -> code.startsWith("2"))) {
                broken.add(where + ": no success response");
            }
            boolean secured = op.getSecurity() != null && !op.getSecurity().isEmpty();
            if (secured && !responses.containsKey("401")) {
                broken.add(where + ": secured but 401 is not declared");
            }
            responses.forEach((code, response) -> {
                ApiResponse resolved = resolve(response);
                if (code.startsWith("2") && !code.equals("204") && !code.equals("202") && (resolved.getContent() == null
                        || resolved.getContent().values().stream().allMatch(m -> m.getSchema() == null))) {
                    broken.add(where + " " + code + ": a success without a body schema");
                }
                if (code.startsWith("4") || code.startsWith("5")) {
                    MediaType problem = resolved.getContent() == null ? null
                            : resolved.getContent().get("application/problem+json");
                    if (problem == null || problem.getSchema() == null || !PROBLEM.equals(problem.getSchema().get$ref())) {
                        broken.add(where + " " + code + ": not an application/problem+json Problem");
                    } else if (resolved.getContent().size() > 1) {
                        broken.add(where + " " + code + ": other media types beside problem+json");
                    }
                }
            });
            if (responses.containsKey("429") && resolve(responses.get("429")).getHeaders() == null) {
                broken.add(where + " 429: Retry-After is not declared");
            }
        });
        assertEquals(List.of(), broken);
    }

    @Test
    void everyOperationButSignInAndTheKeysDeclaresTheBearerToken() {
        assertEquals("bearer", api.getComponents().getSecuritySchemes().get("jwt").getScheme());
        List<String> broken = new ArrayList<>();
        Set<String> publicSeen = new TreeSet<>();
        operations((where, op) -> {
            List<SecurityRequirement> security = op.getSecurity() == null ? List.of() : op.getSecurity();
            if (PUBLIC_OPERATIONS.contains(op.getOperationId())) {
                publicSeen.add(op.getOperationId());
                if (!security.isEmpty()) {
                    broken.add(where + ": public, yet declares " + security);
                }
            } else if (security.stream().noneMatch(requirement -> requirement.containsKey("jwt"))) {
                broken.add(where + ": the bearer token (jwt) is not declared");
            }
        });
        assertEquals(List.of(), broken);
        assertEquals(new TreeSet<>(PUBLIC_OPERATIONS), publicSeen);
        assertTrue(api.getSecurity() == null || api.getSecurity().isEmpty(),
                "no document-wide requirement: each operation says its own");
    }

    @Test
    void operationsAreGroupedByDescribedTags() {
        Set<String> declared = new TreeSet<>();
        List<String> broken = new ArrayList<>();
        api.getTags().forEach(tag -> {
            declared.add(tag.getName());
            if (tag.getDescription() == null || tag.getDescription().isBlank()) {
                broken.add("tag " + tag.getName() + " has no description");
            }
        });
        Set<String> used = new TreeSet<>();
        operations((where, op) -> {
            if (op.getTags() == null || op.getTags().size() != 1) {
                broken.add(where + ": tagged " + op.getTags() + ", not with one resource");
            } else if (!declared.contains(op.getTags().getFirst())) {
                broken.add(where + ": tag " + op.getTags().getFirst() + " is not declared");
            } else {
                used.add(op.getTags().getFirst());
            }
        });
        assertEquals(List.of(), broken);
        assertEquals(declared, used, "a declared tag no operation uses");
        String description = api.getInfo().getDescription();
        for (String service : List.of("gateway", "achievement service", "demand service", "matching service")) {
            assertTrue(description.contains("**Kechuang " + service), "the description says what the " + service
                    + " owns");
        }
    }

    @Test
    void everyListAcceptsUpdatedSinceForResyncingPortals() {
        List<String> broken = new ArrayList<>();
        operations((where, op) -> {
            ApiResponse ok = op.getResponses().get("200");
            MediaType body = ok == null || resolve(ok).getContent() == null ? null
                    : resolve(ok).getContent().get("application/json");
            String ref = body == null || body.getSchema() == null ? null : body.getSchema().get$ref();
            if (ref == null || !ref.endsWith("Page") || LISTS_WITHOUT_CHANGE_FEED.contains(op.getOperationId())) {
                return;
            }
            Parameter since = op.getParameters() == null ? null : op.getParameters().stream()
                    .filter(p -> "updatedSince".equals(p.getName()) && "query".equals(p.getIn())).findFirst().orElse(null);
            if (since == null) {
                broken.add(where + ": a list without updatedSince");
            } else if (since.getSchema() == null || !"date-time".equals(since.getSchema().getFormat())
                    || since.getDescription() == null) {
                broken.add(where + ": updatedSince is not a described date-time");
            }
        });
        assertEquals(List.of(), broken);
    }

    @Test
    void nothingInTheComponentsIsUnusedOrMissing() {
        Set<String> referenced = new TreeSet<>();
        collectRefs(json.path("paths"), referenced);
        collectRefs(json.path("components"), referenced);
        assertEquals(List.of(), referenced.stream().filter(ref -> json.at(ref.substring(1)).isMissingNode()).toList(),
                "references to nothing");
        List<String> unused = new ArrayList<>();
        json.path("components").fields().forEachRemaining(section -> {
            if (!section.getKey().equals("securitySchemes")) {
                section.getValue().fieldNames().forEachRemaining(name -> {
                    if (!referenced.contains("#/components/" + section.getKey() + "/" + name)) {
                        unused.add(section.getKey() + "/" + name);
                    }
                });
            }
        });
        assertEquals(List.of(), unused);
    }

    @Test
    void everyExampleIsValidAgainstItsSchema() {
        ExampleChecker checker = new ExampleChecker(json.path("components"));
        json.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String where = op.getKey().toUpperCase() + " " + path.getKey();
            op.getValue().path("parameters").forEach(p -> checker.check(where + " parameter " + p.path("name").asText(), p));
            op.getValue().path("requestBody").path("content").fields()
                    .forEachRemaining(m -> checker.check(where + " request " + m.getKey(), m.getValue()));
            op.getValue().path("responses").fields().forEachRemaining(r -> r.getValue().path("content").fields()
                    .forEachRemaining(m -> checker.check(where + " " + r.getKey() + " " + m.getKey(), m.getValue())));
        }));
        json.path("components").path("schemas").fields().forEachRemaining(s -> checker.checkSchemaExamples(
                "schema " + s.getKey(), s.getValue()));
        assertTrue(checker.checked > 50, "only " + checker.checked + " examples checked");
        assertEquals(List.of(), checker.broken);
    }

    @Test
    void whatPortalsCallFirstIsShownInChineseAndEnglish() {
        Map<String, JsonNode> examples = new HashMap<>();
        json.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            JsonNode body = op.getValue().path("requestBody").path("content").path("application/json");
            JsonNode ok = op.getValue().path("responses").path("200").path("content").path("application/json");
            examples.put(op.getValue().path("operationId").asText() + " request", body.path("examples"));
            examples.put(op.getValue().path("operationId").asText() + " response", ok.path("examples"));
        }));
        List<String> broken = new ArrayList<>();
        for (String key : List.of("createAchievement request", "createDemand request", "getDemand response",
                "listDemandSuggestions response", "searchMarket response")) {
            Set<Boolean> chinese = new LinkedHashSet<>();
            examples.getOrDefault(key, MissingNode.getInstance()).elements().forEachRemaining(example -> {
                List<String> titles = resolveExample(example).path("value").findValuesAsText("title");
                chinese.add(!titles.isEmpty() && titles.stream().allMatch(t -> CJK.matcher(t).find()));
            });
            if (!chinese.equals(Set.of(true, false))) {
                broken.add(key + ": needs an example in Chinese and one in English, has " + chinese);
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void theExampleCheckAssertsFormats() throws IOException {
        ExampleChecker checker = new ExampleChecker(json.path("components"));
        JsonNode side = new ObjectMapper().readTree("{\"$ref\":\"#/components/schemas/MatchSide\"}");
        checker.validate("valid", side, new ObjectMapper().readTree(
                "{\"id\":\"71aa5c3e-9d2b-4f61-8c07-3e5b2a9d4f10\",\"title\":\"光伏组件智能清洗机器人\"}"));
        assertEquals(List.of(), checker.broken);
        checker.validate("shortened id", side, new ObjectMapper().readTree("{\"id\":\"71aa…\"}"));
        checker.validate("a date that is not one", new ObjectMapper().readTree("{\"type\":\"string\",\"format\":\"date\"}"),
                new ObjectMapper().readTree("\"2027-02-30\""));
        assertEquals(2, checker.broken.size(), checker.broken.toString());
    }

    // ------------------------------------------------------------------------------------------ helpers

    private static void operations(BiConsumer<String, Operation> rule) {
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((PathItem.HttpMethod method,
                Operation op) -> rule.accept(method + " " + path, op)));
    }

    private static ApiResponse resolve(ApiResponse response) {
        if (response.get$ref() == null) {
            return response;
        }
        return api.getComponents().getResponses().get(response.get$ref().substring("#/components/responses/".length()));
    }

    private static JsonNode resolveExample(JsonNode example) {
        String ref = example.path("$ref").asText("");
        return ref.isEmpty() ? example
                : json.path("components").path("examples").path(ref.substring("#/components/examples/".length()));
    }

    private static void collectRefs(JsonNode node, Set<String> into) {
        if (node.isObject() && node.path("$ref").isTextual()) {
            into.add(node.path("$ref").asText());
        }
        node.elements().forEachRemaining(child -> collectRefs(child, into));
    }

    /**
     * Validates examples with JSON Schema 2020-12 (OpenAPI 3.1's dialect), formats asserted: an {@code id} that is
     * not a UUID, or a date that is not a date, fails.
     */
    private static final class ExampleChecker {
        private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true)
                        .build()));
        private final JsonNode components;
        final List<String> broken = new ArrayList<>();
        int checked;

        ExampleChecker(JsonNode components) {
            this.components = components;
        }

        /** A parameter or a media type: its {@code example} or each of its {@code examples}. */
        void check(String where, JsonNode holder) {
            JsonNode schema = holder.path("schema");
            if (schema.isMissingNode()) {
                return;
            }
            if (holder.has("example")) {
                validate(where + " example", schema, holder.path("example"));
            }
            holder.path("examples").fields().forEachRemaining(e -> {
                JsonNode example = resolveExample(e.getValue());
                if (example.has("value")) {
                    validate(where + " example " + e.getKey(), schema, example.path("value"));
                }
            });
            checkSchemaExamples(where + " schema", schema);
        }

        /** The {@code examples} a schema and its properties carry themselves. */
        void checkSchemaExamples(String where, JsonNode schema) {
            schema.path("examples").forEach(example -> validate(where + " examples", withoutExamples(schema), example));
            schema.path("properties").fields().forEachRemaining(p -> checkSchemaExamples(where + "." + p.getKey(),
                    p.getValue()));
            if (schema.has("items")) {
                checkSchemaExamples(where + "[]", schema.path("items"));
            }
        }

        void validate(String where, JsonNode schema, JsonNode value) {
            checked++;
            ObjectNode root = schema.deepCopy();
            root.set("components", components);
            Schema compiled = registry.getSchema(SchemaLocation.of("urn:kechuang:openapi"), root);
            List<Error> errors = compiled.validate(value);
            if (!errors.isEmpty()) {
                broken.add(where + ": " + errors.stream().map(Error::toString).limit(5).toList());
            }
        }

        private static JsonNode withoutExamples(JsonNode schema) {
            ObjectNode copy = schema.deepCopy();
            copy.remove("examples");
            return copy;
        }
    }
}

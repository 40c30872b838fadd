package io.kechuang.testing.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.kechuang.testing.security.ApiOperations.Operation;
import io.kechuang.testing.security.ApiOperations.Parameter;
import io.kechuang.testing.security.BadValues.Probe;
import io.kechuang.testing.security.SecurityTable.Row;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs a service's security table against the service under test, as JUnit dynamic tests:
 * <ol>
 *   <li><b>coverage</b>: every operation of the service's own OpenAPI document has a row for every role of
 *       {@link SecurityWorld#ROLES}, every row names an operation that exists, and every operation on a record has a
 *       row that succeeds (so the record exists);</li>
 *   <li><b>one test per row</b>: the role's token, the fixture's ids in the path, the named body; the status must be
 *       the expected one, the answer must pass the service's {@link RowCheck} if it set one (e.g. what a refusal
 *       names), and after a refusal the fixture's witness must still answer 2xx (refused or hidden, never
 *       absent);</li>
 *   <li><b>bad values</b>: for each parameter of each operation, {@link BadValues} sent as the first role the table
 *       allows;</li>
 *   <li><b>bodies</b>: trailing garbage, a second document, a truncated document and JSON of the wrong type, for each
 *       operation with a JSON body: 400.</li>
 * </ol>
 * Every answer must be below 500, and every error {@code application/problem+json} with a {@code status} field equal
 * to the HTTP status.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicNode> securitySuite() {
 *     return SecuritySuite.forService("demand-service", baseUri).tokens(world).vars(world.vars())
 *             .fixtures(new DemandFixtures(world)).tests();
 * }
 * }</pre>
 *
 * System properties: {@code kechuang.security.seed} (bad-value seed, default {@link BadValues#DEFAULT_SEED}),
 * {@code kechuang.security.skip-pending} (comma-separated tags not enforced: rows whose {@code pending} column holds
 * one are skipped, and bad-value failures of a known kind, see {@link #knownFinding}, are counted instead of failing;
 * a service test may set a default with {@link Builder#skipPending(String)}).
 */
public final class SecuritySuite {

    public static final String SKIP_PENDING_PROPERTY = "kechuang.security.skip-pending";
    public static final String SEED_PROPERTY = "kechuang.security.seed";
    /** Known finding: the HTTP server's own 414 is not problem+json. */
    static final String URI_TOO_LONG = "uri-too-long";
    /** Known finding: the CORS filter's 403 is not problem+json. */
    static final String CORS_REFUSAL = "cors-refusal";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");

    private final Builder config;
    private final SecurityTable table;
    /** Tags not enforced in this run: rows whose {@code pending} tag it is, and known findings of that kind. */
    private final Set<String> skip;
    private final Map<String, Integer> knownFindings = new TreeMap<>();
    private final Map<String, String> tokenCache = new HashMap<>();
    private final Map<String, Fixture> shared = new HashMap<>();
    private final Map<String, Deque<Fixture>> fresh = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicLong badValueNanos = new AtomicLong();

    private SecuritySuite(Builder config) {
        this.config = config;
        this.table = SecurityTable.load(config.service);
        this.skip = Arrays.stream(System.getProperty(SKIP_PENDING_PROPERTY, config.defaultSkip).split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    /** A service's own check of a row's answer, beyond its status: what is wrong with it, or empty. */
    @FunctionalInterface
    public interface RowCheck {
        Optional<String> check(Row row, int status, JsonNode body);
    }

    public static Builder forService(String service, URI baseUri) {
        return new Builder(service, baseUri);
    }

    /** Configuration of one service's run. */
    public static final class Builder {
        private final String service;
        private final URI baseUri;
        private RoleTokens tokens = new SecurityWorld();
        private Map<String, String> vars = Map.of();
        private Fixtures fixtures = name -> {
            throw new IllegalArgumentException("no fixtures configured, but a row names fixture " + name);
        };
        private String document;
        private String defaultSkip = "";
        private RowCheck rowCheck = (row, status, body) -> Optional.empty();

        private Builder(String service, URI baseUri) {
            this.service = service;
            String base = baseUri.toString();
            this.baseUri = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        }

        public Builder tokens(RoleTokens tokens) {
            this.tokens = tokens;
            return this;
        }

        /** Placeholders for bodies and parameters, such as {@link SecurityWorld#vars()}. */
        public Builder vars(Map<String, String> vars) {
            this.vars = Map.copyOf(vars);
            return this;
        }

        public Builder fixtures(Fixtures fixtures) {
            this.fixtures = fixtures;
            return this;
        }

        /** Makes the fixture {@code name} with {@code maker}, and every other one as before (call after {@link #fixtures}). */
        public Builder fixture(String name, Fixtures maker) {
            Fixtures others = this.fixtures;
            this.fixtures = new Fixtures() {
                @Override
                public Fixture create(String n) {
                    return n.equals(name) ? maker.create(n) : others.create(n);
                }

                @Override
                public java.util.List<Fixture> create(String n, int count) {
                    return n.equals(name) ? maker.create(n, count) : others.create(n, count);
                }
            };
            return this;
        }

        /** The service's OpenAPI document; by default fetched from {@code /q/openapi?format=json}. */
        public Builder document(String json) {
            this.document = json;
            return this;
        }

        /**
         * The {@code pending} tags skipped when {@value #SKIP_PENDING_PROPERTY} is not set (set it empty on the
         * command line to run every row).
         */
        public Builder skipPending(String tags) {
            this.defaultSkip = tags;
            return this;
        }

        /** Checks every row's answer (its JSON body, or null if it has none) beyond the expected status. */
        public Builder check(RowCheck check) {
            this.rowCheck = check;
            return this;
        }

        public Stream<DynamicNode> tests() {
            return new SecuritySuite(this).build();
        }
    }

    // ------------------------------------------------------------------------------------------------ structure

    private Stream<DynamicNode> build() {
        long started = System.nanoTime();
        ApiOperations api = ApiOperations.of(config.document != null ? config.document : fetchDocument());
        BadValues badValues = new BadValues(Long.getLong(SEED_PROPERTY, BadValues.DEFAULT_SEED));
        Map<String, List<Row>> byOperation = new LinkedHashMap<>();
        for (Row row : table.rows()) {
            byOperation.computeIfAbsent(row.operation(), k -> new ArrayList<>()).add(row);
        }
        long preparing = System.nanoTime();
        prepareFixtures();
        double fixtureSeconds = (System.nanoTime() - preparing) / 1e9;

        List<DynamicNode> nodes = new ArrayList<>();
        nodes.add(DynamicTest.dynamicTest("coverage of " + table.file().getFileName(), () -> {
            List<String> problems = coverage(api.operations(), table.rows(), SecurityWorld.ROLES);
            if (!problems.isEmpty()) {
                throw new AssertionError(problems.size() + " coverage problems in " + table.file() + ":\n  "
                        + String.join("\n  ", problems));
            }
        }));
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        for (Operation op : api.operations().values()) {
            List<Row> rows = byOperation.getOrDefault(op.key(), List.of());
            List<DynamicNode> children = new ArrayList<>();
            for (Row row : rows) {
                String name = row.role() + " → " + row.expect() + (row.fixture().isEmpty() ? "" : " on " + row.fixture())
                        + " (line " + row.line() + ")";
                children.add(DynamicTest.dynamicTest(name, () -> {
                    if (skip.contains(row.pending())) {
                        skipped.incrementAndGet();
                        Assumptions.abort("needs " + row.pending() + " (" + SKIP_PENDING_PROPERTY + "): " + row);
                    }
                    ran.incrementAndGet();
                    runRow(op, row);
                }));
            }
            Optional<Row> caller = rows.stream().filter(r -> r.allowed() && !skip.contains(r.pending())).findFirst();
            if (caller.isPresent()) {
                for (Parameter p : op.parameters()) {
                    children.add(DynamicTest.dynamicTest("bad " + p.in() + " parameter " + p.name() + " as "
                            + caller.get().role(), () -> runBadValues(op, caller.get(), p, badValues)));
                }
                children.add(DynamicTest.dynamicTest("request line beyond every limit as " + caller.get().role(),
                        () -> runOverLong(op, caller.get())));
                children.add(DynamicTest.dynamicTest("request from a foreign origin as " + caller.get().role(),
                        () -> runForeignOrigin(op, caller.get())));
                if (op.takesJson()) {
                    children.add(DynamicTest.dynamicTest("malformed bodies as " + caller.get().role(),
                            () -> runBadBodies(op, caller.get())));
                }
            }
            nodes.add(DynamicContainer.dynamicContainer(op.key(), children.stream()));
        }
        nodes.add(DynamicTest.dynamicTest("summary", () -> System.out.printf(
                "security suite %s: %d rows in the table, %d run, %d skipped (pending %s), known findings not enforced "
                + "%s, %d requests (%d retried on a new connection), %.1f s of which %.1f s making fixtures, %.1f s bad "
                + "values%n", config.service, table.rows().size(), ran.get(), skipped.get(), skip, knownFindings,
                requests.get(), retries.get(),
                (System.nanoTime() - started) / 1e9, fixtureSeconds, badValueNanos.get() / 1e9)));
        return nodes.stream();
    }

    /**
     * What the table lacks against the document: operations without a row for some role, rows naming operations
     * that do not exist, and operations on a record (a path parameter) without any row that succeeds.
     */
    public static List<String> coverage(Map<String, Operation> operations, List<Row> rows, List<String> roles) {
        List<String> problems = new ArrayList<>();
        Set<String> covered = new LinkedHashSet<>();
        Set<String> witnessed = new LinkedHashSet<>();
        for (Row row : rows) {
            covered.add(row.operation());
            if (row.allowed()) {
                witnessed.add(row.operation());
            }
            if (!operations.containsKey(row.operation())) {
                problems.add("line " + row.line() + ": " + row.operation() + " is not in the OpenAPI document");
            }
        }
        problems.addAll(uncovered(operations, rows, roles));
        for (Operation op : operations.values()) {
            boolean onARecord = op.parameters().stream().anyMatch(p -> p.in().equals("path"));
            if (onARecord && covered.contains(op.key()) && !witnessed.contains(op.key())) {
                problems.add(op.key() + ": no role succeeds, so nothing shows that its records exist");
            }
        }
        return problems;
    }

    /**
     * The operations of {@code operations} (such as the platform's merged document) that lack a row for some role in
     * {@code rows} (the rows of every table), each with the roles it lacks.
     */
    public static List<String> uncovered(Map<String, Operation> operations, List<Row> rows, List<String> roles) {
        Map<String, Set<String>> covered = new HashMap<>();
        for (Row row : rows) {
            covered.computeIfAbsent(row.operation(), k -> new LinkedHashSet<>()).add(row.role());
        }
        List<String> missing = new ArrayList<>();
        for (Operation op : operations.values()) {
            Set<String> have = covered.getOrDefault(op.key(), Set.of());
            List<String> lacking = roles.stream().filter(r -> !have.contains(r)).toList();
            if (!lacking.isEmpty()) {
                missing.add(op.key() + ": no row for " + String.join(", ", lacking));
            }
        }
        return missing;
    }

    // ------------------------------------------------------------------------------------------------ fixtures

    private void prepareFixtures() {
        Map<String, Integer> freshCounts = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>();
        for (Row row : table.rows()) {
            if (row.fixture().isEmpty() || skip.contains(row.pending())) {
                continue;
            }
            names.add(row.fixture());
            if (row.mutating() && row.allowed()) {
                freshCounts.merge(row.fixture(), 1, Integer::sum);
            }
        }
        for (String name : names) {
            List<Fixture> made = config.fixtures.create(name, freshCounts.getOrDefault(name, 0) + 1);
            shared.put(name, made.get(0));
            fresh.put(name, new ArrayDeque<>(made.subList(1, made.size())));
        }
    }

    /** A fixture for a row: its own when it is expected to change it, else the shared one. */
    private Fixture fixtureFor(Row row) {
        if (row.fixture().isEmpty()) {
            return null;
        }
        if (row.mutating() && row.allowed()) {
            Fixture own = fresh.computeIfAbsent(row.fixture(), k -> new ArrayDeque<>()).poll();
            return own != null ? own : config.fixtures.create(row.fixture());
        }
        return sharedFixture(row);
    }

    /** The shared fixture of a row's kind, for requests that are not expected to change it. */
    private Fixture sharedFixture(Row row) {
        return row.fixture().isEmpty() ? null : shared.computeIfAbsent(row.fixture(), config.fixtures::create);
    }

    /** A shared fixture that a request changed is replaced before the next row uses it. */
    private void changed(Row row, Fixture fixture, int status) {
        if (fixture != null && status < 300 && status >= 200 && shared.get(row.fixture()) == fixture
                && !row.method().equals("GET")) {
            shared.remove(row.fixture());
        }
    }

    // ------------------------------------------------------------------------------------------------ running

    private void runRow(Operation op, Row row) {
        Fixture fixture = fixtureFor(row);
        Map<String, String> vars = vars(fixture);
        Request request = request(op, row, vars);
        HttpResponse<String> response = send(request, token(row.role()));
        changed(row, fixture, response.statusCode());
        List<String> failures = new ArrayList<>();
        if (response.statusCode() != row.expect()) {
            failures.add("expected " + row.expect() + " but got " + describe(response));
        }
        problemCheck(response).ifPresent(failures::add);
        config.rowCheck.check(row, response.statusCode(), json(response.body())).ifPresent(failures::add);
        if (fixture != null && !row.allowed()) {
            HttpResponse<String> witness = send(new Request("GET", substitute(fixture.witness(), vars)),
                    token(fixture.witnessRole()));
            if (witness.statusCode() < 200 || witness.statusCode() >= 300) {
                failures.add("the record is gone: " + fixture.witnessRole() + " GET " + fixture.witness() + " got "
                        + describe(witness) + ", so the refusal proves nothing");
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(row + " [" + request.method + " " + request.target() + "]: "
                    + String.join("; ", failures));
        }
    }

    private void runBadValues(Operation op, Row caller, Parameter parameter, BadValues badValues) {
        long start = System.nanoTime();
        try {
            probe(op, caller, parameter, badValues);
        } finally {
            badValueNanos.addAndGet(System.nanoTime() - start);
        }
    }

    private void probe(Operation op, Row caller, Parameter parameter, BadValues badValues) {
        List<String> failures = new ArrayList<>();
        for (Probe probe : badValues.probes(op.key(), parameter)) {
            Fixture fixture = sharedFixture(caller);
            Map<String, String> vars = vars(fixture);
            Request request = request(op, caller, vars);
            if (parameter.in().equals("header") && sameVersion(probe.value(), request.headers.get(parameter.name()))) {
                continue; // the record's current version is a valid If-Match, not a bad value
            }
            switch (parameter.in()) {
                case "path" -> request.pathParams.put(parameter.name(), probe.value());
                case "query" -> request.query.put(parameter.name(), probe.value());
                case "header" -> request.headers.put(parameter.name(), probe.value());
                default -> {
                    continue;
                }
            }
            HttpResponse<String> response = send(request, token(caller.role()));
            changed(caller, fixture, response.statusCode());
            int status = response.statusCode();
            String problem = problemCheck(response).orElse(null);
            String failure = switch (probe.expect()) {
                case CLIENT_ERROR -> status >= 400 && status < 500 ? problem
                        : "expected a 4xx, got " + describe(response);
                case NOT_FOUND -> status == 404 ? problem : "expected 404 (unknown id), got " + describe(response);
                case NO_SERVER_ERROR -> status < 500 ? problem : "got " + describe(response);
            };
            if (failure != null) {
                String finding = knownFinding(parameter, probe, status);
                if (skip.contains(finding)) {
                    knownFindings.merge(finding, 1, Integer::sum);
                } else {
                    failures.add(probe + " → " + failure + (finding == null ? "" : " [" + finding + "]"));
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(op.key() + " " + parameter.in() + " parameter " + parameter.name() + " as "
                    + caller.role() + ", " + failures.size() + " failures:\n  " + String.join("\n  ", failures));
        }
    }

    private void runOverLong(Operation op, Row caller) {
        Fixture fixture = sharedFixture(caller);
        Request request = request(op, caller, vars(fixture));
        request.query.put("overlong", BadValues.OVER_LONG);
        HttpResponse<String> response = send(request, token(caller.role()));
        String failure = response.statusCode() != 414 ? "expected 414, got " + describe(response)
                : problemCheck(response).orElse(null);
        if (failure != null) {
            if (response.statusCode() == 414 && skip.contains(URI_TOO_LONG)) {
                knownFindings.merge(URI_TOO_LONG, 1, Integer::sum);
                return;
            }
            throw new AssertionError(op.key() + " with a " + BadValues.OVER_LONG.length() + "-character query as "
                    + caller.role() + ": " + failure + (response.statusCode() == 414 ? " [" + URI_TOO_LONG + "]" : ""));
        }
    }

    /**
     * The row's request, and its CORS preflight, from a browser on a site that is not the platform's: the CORS filter
     * may refuse them, but then with a 403 problem, never an empty answer.
     */
    private void runForeignOrigin(Operation op, Row caller) {
        Fixture fixture = sharedFixture(caller);
        Map<String, String> vars = vars(fixture);
        Request request = request(op, caller, vars);
        request.headers.put("Origin", "https://attacker.example");
        HttpResponse<String> response = send(request, token(caller.role()));
        changed(caller, fixture, response.statusCode());
        Request preflight = new Request("OPTIONS", request.path);
        preflight.pathParams.putAll(request.pathParams);
        preflight.headers.put("Origin", "https://attacker.example");
        preflight.headers.put("Access-Control-Request-Method", op.method());
        preflight.headers.put("Access-Control-Request-Headers", "authorization,content-type");
        List<String> failures = new ArrayList<>();
        for (HttpResponse<String> answer : List.of(response, send(preflight, null))) {
            String failure = problemCheck(answer).orElse(null);
            if (failure == null) {
                continue;
            }
            String what = answer == response ? op.key() : "preflight OPTIONS " + op.path();
            if (answer.statusCode() == 403 && skip.contains(CORS_REFUSAL)) {
                knownFindings.merge(CORS_REFUSAL, 1, Integer::sum);
            } else {
                failures.add(what + ": " + failure + (answer.statusCode() == 403 ? " [" + CORS_REFUSAL + "]" : ""));
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("from Origin https://attacker.example as " + caller.role() + ": "
                    + String.join("; ", failures));
        }
    }

    private void runBadBodies(Operation op, Row caller) {
        List<String> failures = new ArrayList<>();
        Fixture fixture = sharedFixture(caller);
        Map<String, String> vars = vars(fixture);
        String valid = caller.body().isEmpty() ? "{}" : body(op, caller.body(), vars).text;
        boolean array = op.bodySchema().path("type").asText().equals("array");
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("trailing garbage", valid + " garbage");
        bodies.put("a second document", valid + valid);
        bodies.put("truncated", valid.substring(0, Math.max(1, valid.length() - 1)));
        bodies.put("wrong JSON type (" + (array ? "object" : "array") + ")", array ? "{}" : "[]");
        bodies.put("wrong JSON type (string)", "\"text\"");
        bodies.put("wrong JSON type (number)", "42");
        for (Map.Entry<String, String> bad : bodies.entrySet()) {
            Request request = request(op, caller, vars);
            request.body(new Body(bad.getValue(), "application/json"));
            HttpResponse<String> response = send(request, token(caller.role()));
            changed(caller, fixture, response.statusCode());
            String problem = problemCheck(response).orElse(null);
            if (response.statusCode() != 400) {
                failures.add(bad.getKey() + " → expected 400, got " + describe(response));
            } else if (problem != null) {
                failures.add(bad.getKey() + " → " + problem);
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(op.key() + " as " + caller.role() + ", " + failures.size() + " failures:\n  "
                    + String.join("\n  ", failures));
        }
    }

    /**
     * The known kind of a bad-value failure, if it is one, which {@value #SKIP_PENDING_PROPERTY} may name until it is
     * fixed: {@code uri-too-long} (a 414 that is not problem+json, from the HTTP server itself) and
     * {@code lax-boolean} (a boolean parameter that takes any other word as false).
     */
    private static String knownFinding(Parameter parameter, Probe probe, int status) {
        if (status == 414) {
            return URI_TOO_LONG;
        }
        boolean booleanParameter = parameter.schema().path("type").asText().equals("boolean");
        if (booleanParameter && status >= 200 && status < 300 && probe.expect() == BadValues.Expect.CLIENT_ERROR) {
            return "lax-boolean";
        }
        return null;
    }

    private static boolean sameVersion(String probe, String current) {
        return current != null && version(probe).equals(version(current));
    }

    private static String version(String etag) {
        return etag.replace("W/", "").replace("\"", "").strip();
    }

    /** Why an error answer is not a proper problem, if it is not. */
    private static Optional<String> problemCheck(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 500) {
            return Optional.of("a server error: " + describe(response));
        }
        if (status < 400) {
            return Optional.empty();
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            return Optional.of("error " + status + " is not application/problem+json but '" + type + "': "
                    + snippet(response.body()));
        }
        try {
            JsonNode problem = SecurityTable.JSON.readTree(response.body());
            if (problem.path("status").asInt() != status) {
                return Optional.of("problem of a " + status + " has status " + problem.path("status") + ": "
                        + snippet(response.body()));
            }
        } catch (IOException e) {
            return Optional.of("problem body is not JSON: " + snippet(response.body()));
        }
        return Optional.empty();
    }

    /** A body as JSON for a {@link RowCheck}: null if it is empty or not JSON (the problem check reports that). */
    private static JsonNode json(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return SecurityTable.JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------------ requests

    private Map<String, String> vars(Fixture fixture) {
        Map<String, String> vars = new HashMap<>(config.vars);
        if (fixture != null) {
            vars.putAll(fixture.vars());
        }
        return vars;
    }

    private String token(String role) {
        return role.equals("none") ? null : tokenCache.computeIfAbsent(role, config.tokens::token);
    }

    /** The request a row sends: path parameters and headers from the fixture, the row's params and body. */
    private Request request(Operation op, Row row, Map<String, String> vars) {
        Request r = new Request(op.method(), op.path());
        Map<String, Parameter> byName = new HashMap<>();
        for (Parameter p : op.parameters()) {
            byName.put(p.name().toLowerCase(), p);
            String value = vars.get(p.name());
            if (value == null) {
                continue;
            }
            switch (p.in()) {
                case "path" -> r.pathParams.put(p.name(), value);
                case "header" -> r.headers.put(p.name(), value);
                case "query" -> {
                    if (p.required()) {
                        r.query.put(p.name(), value);
                    }
                }
                default -> {
                }
            }
        }
        if (!row.params().isEmpty()) {
            for (String pair : row.params().split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = substitute(eq < 0 ? "" : pair.substring(eq + 1), vars);
                Parameter p = byName.get(name.toLowerCase());
                if (p == null) {
                    throw new AssertionError(row + ": parameter '" + name + "' is not in the document");
                }
                switch (p.in()) {
                    case "header" -> r.headers.put(p.name(), value);
                    case "path" -> r.pathParams.put(p.name(), value);
                    default -> r.query.put(p.name(), value);
                }
            }
        }
        Matcher m = PATH_PARAM.matcher(op.path());
        while (m.find()) {
            if (!r.pathParams.containsKey(m.group(1))) {
                throw new AssertionError(row + ": the fixture '" + row.fixture() + "' has no value for {" + m.group(1)
                        + "}");
            }
        }
        if (!row.body().isEmpty()) {
            r.body(body(op, row.body(), vars));
        }
        return r;
    }

    private Body body(Operation op, String name, Map<String, String> vars) {
        JsonNode template = table.body(name);
        JsonNode filled = fill(template, vars);
        if (filled.isTextual() && !op.takesJson()) {
            return new Body(filled.asText(), op.bodyTypes().isEmpty() ? "text/plain" : op.bodyTypes().get(0));
        }
        return new Body(filled.toString(), "application/json");
    }

    /** A copy of a body template with its {@code ${var}} placeholders filled. */
    public static JsonNode fill(JsonNode node, Map<String, String> vars) {
        if (node.isTextual()) {
            return TextNode.valueOf(substitute(node.asText(), vars));
        }
        if (node.isObject()) {
            ObjectNode copy = SecurityTable.JSON.createObjectNode();
            node.fields().forEachRemaining(e -> copy.set(e.getKey(), fill(e.getValue(), vars)));
            return copy;
        }
        if (node.isArray()) {
            var copy = SecurityTable.JSON.createArrayNode();
            node.forEach(e -> copy.add(fill(e, vars)));
            return copy;
        }
        return node;
    }

    /** Fills {@code ${var}} placeholders; {@code ${unique}} is new eight hex digits at every use. */
    public static String substitute(String text, Map<String, String> vars) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = m.group(1).equals("unique") ? UUID.randomUUID().toString().substring(0, 8)
                    : vars.get(m.group(1));
            if (value == null) {
                throw new AssertionError("no value for ${" + m.group(1) + "} in '" + text + "'; known: "
                        + new TreeMap<>(vars).keySet());
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private record Body(String text, String contentType) {
    }

    /** A request under construction. */
    private static final class Request {
        final String method;
        final String path;
        final Map<String, String> pathParams = new LinkedHashMap<>();
        final Map<String, String> query = new LinkedHashMap<>();
        final Map<String, String> headers = new LinkedHashMap<>();
        Body body;

        Request(String method, String path) {
            this.method = method;
            this.path = path;
        }

        void body(Body body) {
            this.body = body;
        }

        String target() {
            Matcher m = PATH_PARAM.matcher(path);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String value = pathParams.getOrDefault(m.group(1), "{" + m.group(1) + "}");
                m.appendReplacement(sb, Matcher.quoteReplacement(encode(value).replace("+", "%20")));
            }
            m.appendTail(sb);
            if (!query.isEmpty()) {
                sb.append('?').append(query.entrySet().stream()
                        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&")));
            }
            return sb.toString();
        }

        private static String encode(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }

    private HttpResponse<String> send(Request request, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(config.baseUri + request.target()))
                .timeout(Duration.ofSeconds(30)).header("Accept", "*/*");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        request.headers.forEach(b::header);
        if (request.body != null) {
            b.header("Content-Type", request.body.contentType());
            b.method(request.method, HttpRequest.BodyPublishers.ofString(request.body.text(), StandardCharsets.UTF_8));
        } else {
            b.method(request.method, HttpRequest.BodyPublishers.noBody());
        }
        requests.incrementAndGet();
        HttpRequest built = b.build();
        try {
            try {
                return http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException closed) {
                // A server may close a kept-alive connection after an error such as 414 without saying so; the next
                // request on it fails before the server sees it. Once more, on a new connection.
                retries.incrementAndGet();
                return http.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new AssertionError(request.method + " " + request.target() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private String fetchDocument() {
        Request request = new Request("GET", "/q/openapi");
        request.query.put("format", "json");
        HttpResponse<String> response = send(request, null);
        if (response.statusCode() != 200) {
            throw new AssertionError("cannot read the OpenAPI document: " + describe(response));
        }
        return response.body();
    }

    private static String describe(HttpResponse<String> response) {
        return response.statusCode() + " " + response.headers().firstValue("Content-Type").orElse("(no type)") + " "
                + snippet(response.body());
    }

    private static String snippet(String body) {
        if (body == null || body.isEmpty()) {
            return "(empty body)";
        }
        String one = body.replaceAll("\\s+", " ");
        return one.length() > 300 ? one.substring(0, 300) + "…" : one;
    }
}

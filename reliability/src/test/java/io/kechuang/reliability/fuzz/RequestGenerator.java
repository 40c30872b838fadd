package io.kechuang.reliability.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import io.kechuang.reliability.fuzz.BodyMutations.Body;
import io.kechuang.reliability.fuzz.FuzzRequest.Mode;
import io.kechuang.reliability.fuzz.Recipes.Recipe;
import io.kechuang.testing.security.ApiOperations.Operation;
import io.kechuang.testing.security.ApiOperations.Parameter;
import io.kechuang.testing.security.BadValues;
import io.kechuang.testing.security.SecuritySuite;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Makes the request of one slot of the plan. The plan visits every operation in turn (each round in a seeded order),
 * except the ones that would disturb the rest of the run, which come last ({@link #LAST}: rotating the gateway's
 * signing key twice invalidates every token signed before). Each slot draws, from a {@link Random} seeded with the run's
 * seed and the slot number:
 * <ol>
 *   <li>a recipe (role, kind of record, body template) from the security tables, and a record of that kind;</li>
 *   <li>a mode: {@value #VALID_PERCENT} % valid, {@value #BOUNDARY_PERCENT} % boundary, the rest hostile;</li>
 *   <li>optional query parameters (each with a 40 % chance), an {@code Idempotency-Key} (50 %);</li>
 *   <li>for a boundary request one parameter or body field at an edge of its schema; for a hostile one, one parameter
 *       set to one of libs/testing's {@code BadValues} (or a required {@code If-Match} left out), or the body changed
 *       by {@link BodyMutations}.</li>
 * </ol>
 * The same seed gives the same plan and the same choices; ids and versions are those of the run's own records.
 */
final class RequestGenerator {

    static final int VALID_PERCENT = 65;
    static final int BOUNDARY_PERCENT = 15;
    /** Operations sent at the end of the run only, as many times as {@link #LAST_COUNT}, each with a fresh token. */
    static final Set<String> LAST = Set.of("POST /api/admin/keys/rotate");
    static final int LAST_COUNT = 5;

    private final Map<String, Operation> operations;
    private final Recipes recipes;
    private final FuzzWorld world;
    private final ParameterValues values;
    private final BodyMutations bodies;
    private final long seed;
    private final List<String> plan;

    RequestGenerator(Map<String, Operation> operations, Recipes recipes, FuzzWorld world, ParameterValues values,
            BodyMutations bodies, long seed, int requests) {
        this.operations = operations;
        this.recipes = recipes;
        this.world = world;
        this.values = values;
        this.bodies = bodies;
        this.seed = seed;
        this.plan = plan(requests);
    }

    private List<String> plan(int requests) {
        List<String> regular = operations.keySet().stream().filter(k -> !LAST.contains(k)).toList();
        List<String> last = operations.keySet().stream().filter(LAST::contains).toList();
        int tail = Math.min(requests, last.size() * LAST_COUNT);
        List<String> p = new ArrayList<>(requests);
        Random order = new Random(seed);
        while (p.size() < requests - tail) {
            List<String> round = new ArrayList<>(regular);
            Collections.shuffle(round, order);
            for (String k : round) {
                if (p.size() < requests - tail) {
                    p.add(k);
                }
            }
        }
        for (int i = 0; p.size() < requests; i++) {
            p.add(last.get(i % last.size()));
        }
        return List.copyOf(p);
    }

    int size() {
        return plan.size();
    }

    /** Operations with no recipe for any role the platform has: they are sent as the administrator. */
    List<String> withoutRecipe() {
        return operations.keySet().stream().filter(k -> recipes.of(k).isEmpty()).toList();
    }

    FuzzRequest generate(int slot) {
        Random r = new Random(seed ^ (0x9E3779B97F4A7C15L * (slot + 1)));
        String key = plan.get(slot);
        Operation op = operations.get(key);
        List<Recipe> options = recipes.of(key);
        Recipe recipe = options.isEmpty() ? new Recipe("", key, "admin", "", "") : options.get(r.nextInt(options.size()));
        int dice = r.nextInt(100);
        Mode mode = dice < VALID_PERCENT ? Mode.VALID : dice < VALID_PERCENT + BOUNDARY_PERCENT ? Mode.BOUNDARY
                : Mode.HOSTILE;

        Map<String, String> vars = world.vars();
        if (!recipe.fixture().isEmpty()) {
            vars.putAll(world.fixture(recipe.service(), recipe.fixture(), r));
        }
        Map<String, String> path = new LinkedHashMap<>();
        Map<String, String> query = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        for (Parameter p : op.parameters()) {
            switch (p.in()) {
                case "path" -> path.put(p.name(), values.valid(key, p, vars, r));
                case "query" -> {
                    if (p.required() || r.nextInt(10) < 4) {
                        query.put(p.name(), values.valid(key, p, vars, r));
                    }
                }
                case "header" -> {
                    if (p.name().equalsIgnoreCase("Idempotency-Key") && r.nextBoolean()) {
                        headers.put(p.name(), values.valid(key, p, vars, r));
                    }
                }
                default -> {
                }
            }
        }
        Body body = validBody(op, recipe, vars);
        String mutation = "valid";
        boolean wellFormed = true;
        boolean dropIfMatch = false;

        if (mode == Mode.BOUNDARY) {
            Optional<String> done = Optional.empty();
            if (body != null && op.takesJson() && r.nextBoolean()) {
                JsonNode json = parse(body);
                Optional<Body> b = json == null ? Optional.empty() : bodies.boundary(json, op.bodySchema(), r);
                if (b.isPresent()) {
                    body = b.get();
                    done = Optional.of(body.mutation());
                }
            }
            if (done.isEmpty()) {
                List<Parameter> params = new ArrayList<>(op.parameters());
                Collections.shuffle(params, r);
                for (Parameter p : params) {
                    Optional<String> v = values.boundary(key, p, vars, r);
                    if (v.isPresent()) {
                        (p.in().equals("header") ? headers : query).put(p.name(), v.get());
                        done = Optional.of("boundary " + p.in() + " " + p.name() + "=" + BodyMutations.shown(v.get()));
                        break;
                    }
                }
            }
            if (done.isEmpty() && body != null && !op.takesJson()) {
                body = bodies.textBoundary(new String(body.bytes(), StandardCharsets.UTF_8), body.contentType(), r);
                done = Optional.of("boundary " + body.mutation());
            }
            if (done.isEmpty()) {
                mode = Mode.VALID; // nothing at an edge here: counted as what it is
            } else {
                mutation = done.get();
            }
        } else if (mode == Mode.HOSTILE) {
            List<Parameter> params = op.parameters();
            if (body != null && (params.isEmpty() || r.nextInt(3) > 0)) {
                if (op.takesJson()) {
                    JsonNode json = parse(body);
                    body = bodies.hostile(json == null ? GatewayCalls.JSON.createObjectNode() : json, op.bodySchema(),
                            r);
                } else {
                    body = bodies.textHostile(new String(body.bytes(), StandardCharsets.UTF_8), body.contentType(), r);
                }
                mutation = "body " + body.mutation();
            } else if (!params.isEmpty()) {
                Parameter p = params.get(r.nextInt(params.size()));
                if (p.name().equalsIgnoreCase("If-Match") && r.nextInt(4) == 0) {
                    dropIfMatch = true;
                    mutation = "If-Match missing";
                } else {
                    BadValues.Probe probe = values.hostile(key, p, r);
                    switch (p.in()) {
                        case "path" -> {
                            path.put(p.name(), probe.value());
                            wellFormed = probe.expect() != BadValues.Expect.CLIENT_ERROR;
                        }
                        case "query" -> query.put(p.name(), probe.value());
                        default -> headers.put(p.name(), probe.value());
                    }
                    mutation = p.in() + " " + p.name() + "=" + probe;
                }
            } else {
                // Nothing to malform: input the operation does not take.
                String extra = List.of("%00", "x".repeat(2000), "🧪", "'; --").get(r.nextInt(4));
                query.put("fuzz", extra);
                if (body == null && !op.method().equals("GET")) {
                    body = Body.text("{\"unexpected\":[1,2,3]}", "application/json", "unexpected body");
                }
                mutation = "unexpected input " + BodyMutations.shown(extra);
            }
        }
        String target = target(op.path(), path, query);
        for (Parameter p : op.parameters()) {
            if (p.in().equals("header") && p.name().equalsIgnoreCase("If-Match") && !dropIfMatch
                    && !headers.containsKey(p.name())) {
                headers.put("If-Match", world.ifMatch(target));
            }
        }
        String token = LAST.contains(key) ? world.freshAdminToken() : world.token(key, recipe.role());
        return new FuzzRequest(slot, key, recipe.role(), mode, mutation, op.method(), target, Map.copyOf(headers),
                token, body == null ? null : body.bytes(), body == null ? null : body.contentType(), wellFormed);
    }

    private Body validBody(Operation op, Recipe recipe, Map<String, String> vars) {
        if (op.bodyTypes().isEmpty()) {
            return null;
        }
        JsonNode filled = recipe.body().isEmpty() ? GatewayCalls.JSON.createObjectNode()
                : SecuritySuite.fill(recipes.body(recipe), vars);
        if (op.takesJson()) {
            return bodies.valid(filled);
        }
        return Body.text(filled.asText(), op.bodyTypes().get(0), "valid");
    }

    private static JsonNode parse(Body body) {
        try {
            return GatewayCalls.JSON.readTree(body.bytes());
        } catch (Exception e) {
            return null;
        }
    }

    private static String target(String template, Map<String, String> path, Map<String, String> query) {
        String p = template;
        for (Map.Entry<String, String> e : path.entrySet()) {
            p = p.replace("{" + e.getKey() + "}", URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)
                    .replace("+", "%20"));
        }
        if (query.isEmpty()) {
            return p;
        }
        StringBuilder sb = new StringBuilder(p).append('?');
        query.forEach((k, v) -> sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }
}

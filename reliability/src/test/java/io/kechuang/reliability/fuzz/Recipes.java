package io.kechuang.reliability.fuzz;

import io.kechuang.testing.security.SecurityTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may call each operation, on which kind of record, with which body: the rows of the security suite's tables
 * ({@code security/<service>.csv}) that expect a 2xx, for the roles the local platform has a demo account for. A
 * valid request follows one of them, so it passes authentication and authorisation; the fuzz suite does not keep a
 * second list of permissions.
 */
public final class Recipes {

    /**
     * One way to call an operation successfully.
     *
     * @param fixture the kind of record its path runs against ({@code draft}, {@code match-assigned}, ...), empty for
     *        none; scoped by {@code service}
     * @param body the name of the body template in {@code security/<service>.bodies.json}, empty for none
     */
    public record Recipe(String service, String operation, String role, String fixture, String body) {
    }

    private final Map<String, List<Recipe>> byOperation;
    private final Map<String, SecurityTable> tables;

    private Recipes(Map<String, List<Recipe>> byOperation, Map<String, SecurityTable> tables) {
        this.byOperation = byOperation;
        this.tables = tables;
    }

    /** The recipes of every table, keeping rows whose role is in {@code roles} and whose fixture {@code exists}. */
    public static Recipes fromTables(Map<String, SecurityTable> tables, Set<String> roles,
            java.util.function.BiPredicate<String, String> exists) {
        Map<String, List<Recipe>> ops = new LinkedHashMap<>();
        tables.forEach((service, table) -> {
            for (SecurityTable.Row row : table.rows()) {
                if (row.allowed() && roles.contains(row.role())
                        && (row.fixture().isEmpty() || exists.test(service, row.fixture()))) {
                    Recipe recipe = new Recipe(service, row.operation(), row.role(), row.fixture(), row.body());
                    List<Recipe> list = ops.computeIfAbsent(row.operation(), k -> new ArrayList<>());
                    if (!list.contains(recipe)) {
                        list.add(recipe);
                    }
                }
            }
        });
        return new Recipes(ops, tables);
    }

    /** The recipes of {@code operation} ({@code METHOD /path}); empty when no available role may call it. */
    public List<Recipe> of(String operation) {
        return byOperation.getOrDefault(operation, List.of());
    }

    /** The body template a recipe names. */
    public com.fasterxml.jackson.databind.JsonNode body(Recipe recipe) {
        return tables.get(recipe.service()).body(recipe.body());
    }
}

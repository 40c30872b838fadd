package io.kechuang.common.paging;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code where} clause of a list query, built from optional filters: a filter that was not given adds nothing.
 * Values are always bound as named parameters, never spliced into the query text.
 */
public final class Where {

    private final List<String> clauses = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    /** Adds {@code clause} with its named parameters. */
    public Where and(String clause, Map<String, ?> values) {
        clauses.add(clause);
        parameters.putAll(values);
        return this;
    }

    /** Adds {@code clause}, which names {@code :name}, only if {@code value} is not null. */
    public Where andIf(Object value, String clause, String name) {
        return value == null ? this : and(clause, Map.of(name, value));
    }

    /** The JPQL condition; {@code 1 = 1} when nothing restricts the list. */
    public String query() {
        return clauses.isEmpty() ? "1 = 1" : String.join(" and ", clauses);
    }

    public Map<String, Object> parameters() {
        return Collections.unmodifiableMap(parameters);
    }
}

package io.kechuang.testing.security;

import java.util.ArrayList;
import java.util.List;

/**
 * Creates the records a service's table names in its {@code fixture} column. The runner shares one record per name
 * between rows that change nothing, and asks for a fresh one for each row that is expected to change it (a 2xx on
 * any method but GET), so rows never depend on each other's order.
 */
public interface Fixtures {

    /** A new record of the kind {@code name}, owned by the world's organisations. */
    Fixture create(String name);

    /**
     * {@code count} new records of the kind {@code name}. Override when records are cheaper in a batch (the
     * matching service computes suggestions for many pairs at once).
     */
    default List<Fixture> create(String name, int count) {
        List<Fixture> fixtures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            fixtures.add(create(name));
        }
        return fixtures;
    }
}

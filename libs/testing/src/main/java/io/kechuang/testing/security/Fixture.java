package io.kechuang.testing.security;

import java.util.Map;

/**
 * A real record a row runs against.
 *
 * @param vars fill path parameters by name ({@code id}, {@code demandId}, ...), header parameters by name
 *        ({@code If-Match}) and {@code ${var}} placeholders in bodies and parameters
 * @param witness a path that answers 2xx to {@code witnessRole} while the record exists: checked after every refused
 *        row, so that a 403 or 404 means "refused" or "hidden", never "absent"
 * @param witnessRole the role that may always read the record, usually {@code admin}
 */
public record Fixture(Map<String, String> vars, String witness, String witnessRole) {

    public Fixture {
        vars = Map.copyOf(vars);
    }

    /** A fixture that an admin can read at {@code witness}. */
    public static Fixture of(Map<String, String> vars, String witness) {
        return new Fixture(vars, witness, "admin");
    }
}

package io.kechuang.reliability.fuzz;

import java.util.Map;

/**
 * One generated request.
 *
 * @param operation {@code METHOD /path/template} as in the API document
 * @param role the security table's role whose token it carries ({@code none}: no token)
 * @param mode valid, boundary or hostile
 * @param mutation what was changed, for the report ({@code valid} when nothing)
 * @param target the path and query, encoded
 * @param pathWellFormed whether every path parameter is valid for its schema (a 404 then comes from a lookup in the
 *        handler, not from routing or conversion)
 */
public record FuzzRequest(int slot, String operation, String role, Mode mode, String mutation, String method,
        String target, Map<String, String> headers, String token, byte[] body, String contentType,
        boolean pathWellFormed) {

    public enum Mode {
        /** what the recipe says, with valid values: must reach the handler */
        VALID,
        /** one value at the edge of its schema (or an optional field left out): valid, but rarely sent */
        BOUNDARY,
        /** one value or the whole body malformed, extreme or of the wrong type */
        HOSTILE
    }

    public String describe() {
        return operation + " as " + role + " [" + mode + ": " + mutation + "] " + method + " "
                + (target.length() > 160 ? target.substring(0, 160) + "…" : target);
    }
}

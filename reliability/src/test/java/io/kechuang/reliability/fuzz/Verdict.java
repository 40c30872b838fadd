package io.kechuang.reliability.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;

/**
 * How an answer is judged.
 *
 * <p><b>Reaching the handler.</b> An answer counts as having got past authentication and validation into the handler
 * when its status is below 400, or one of 404, 409, 410 and 412 — the answers only a handler gives after looking the
 * record up or comparing its state or version — except a 404 to a request with a malformed path parameter (JAX-RS
 * answers 404 when it cannot convert one, before any handler runs). Everything else counts as stopped before the
 * handler: 400 and 422 (validation), 401 and 403 (authentication and authorisation, even where a handler decided
 * the 403 after reading the record), 405, 406, 413, 414, 415, 428 (a missing {@code If-Match}), 429, and every 5xx.
 *
 * <p><b>Problems.</b> Every 4xx and 5xx must be {@code application/problem+json} with an RFC 9457 body: a JSON object
 * whose {@code status} (if present) equals the HTTP status, whose {@code title} is a non-empty string, and whose
 * {@code type}, {@code detail} and {@code instance}, when present, are strings.
 */
final class Verdict {

    private static final Set<Integer> HANDLER_ANSWERS = Set.of(404, 409, 410, 412);

    private Verdict() {
    }

    static boolean reachedHandler(int status, boolean pathWellFormed) {
        if (status < 400) {
            return true;
        }
        if (status == 404) {
            return pathWellFormed;
        }
        return HANDLER_ANSWERS.contains(status);
    }

    /** What is wrong with an error answer's problem body; empty when it is fine (or not an error). */
    static Optional<String> problemError(int status, Optional<String> contentType, String body) {
        if (status < 400) {
            return Optional.empty();
        }
        String type = contentType.orElse("(none)");
        if (!type.toLowerCase().startsWith("application/problem+json")) {
            return Optional.of("Content-Type " + type);
        }
        JsonNode problem;
        try {
            problem = GatewayCalls.JSON.readTree(body);
        } catch (Exception e) {
            return Optional.of("body is not JSON");
        }
        if (problem == null || !problem.isObject()) {
            return Optional.of("body is not a JSON object");
        }
        if (problem.has("status") && (!problem.path("status").isInt() || problem.path("status").asInt() != status)) {
            return Optional.of("status member " + problem.path("status") + " ≠ " + status);
        }
        if (!problem.path("title").isTextual() || problem.path("title").asText().isBlank()) {
            return Optional.of("no title");
        }
        for (String member : new String[] {"type", "detail", "instance"}) {
            if (problem.has(member) && !problem.path(member).isTextual()) {
                return Optional.of(member + " is not a string");
            }
        }
        return Optional.empty();
    }
}

package io.kechuang.gateway;

import io.kechuang.common.problem.Problem;
import io.kechuang.common.problem.ProblemException;
import java.util.Map;

/**
 * A problem that needs response headers besides its body: {@code Retry-After} on a 429, {@code WWW-Authenticate} on
 * an OAuth2 {@code invalid_client}, {@code Cache-Control: no-store} on everything from the token endpoint.
 */
public class GatewayProblem extends ProblemException {

    private final transient Map<String, String> headers;

    public GatewayProblem(Problem problem, Map<String, String> headers) {
        super(problem);
        this.headers = Map.copyOf(headers);
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** 429 with {@code Retry-After}. */
    public static GatewayProblem tooManyRequests(String detail, long retryAfterSeconds) {
        return new GatewayProblem(Problem.of(429, "rate-limited", "Too many requests").detail(detail)
                .with("retryAfterSeconds", retryAfterSeconds).build(),
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }
}

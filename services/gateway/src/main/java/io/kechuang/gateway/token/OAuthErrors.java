package io.kechuang.gateway.token;

import io.kechuang.common.problem.Problem;
import io.kechuang.gateway.GatewayProblem;
import io.kechuang.gateway.limits.LoginThrottle;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token endpoint failures. Each is a problem+json body that also carries the RFC 6749 section 5.2 members
 * {@code error} and {@code error_description}, so OAuth2 client libraries and problem-aware clients both understand
 * it. Nothing from the token endpoint may be cached.
 */
final class OAuthErrors {

    static final Map<String, String> NO_STORE = Map.of("Cache-Control", "no-store", "Pragma", "no-cache");

    private OAuthErrors() {
    }

    static GatewayProblem invalidRequest(String description) {
        return error(400, "invalid_request", "Invalid token request", description, NO_STORE);
    }

    static GatewayProblem unsupportedGrantType(String grantType) {
        return error(400, "unsupported_grant_type", "Unsupported grant type",
                "grant_type must be password or client_credentials" + (grantType == null ? "" : ", not " + grantType),
                NO_STORE);
    }

    static GatewayProblem invalidGrant() {
        return error(400, "invalid_grant", "Sign-in failed", "Wrong username or password", NO_STORE);
    }

    static GatewayProblem invalidClient() {
        Map<String, String> headers = new LinkedHashMap<>(NO_STORE);
        headers.put("WWW-Authenticate", "Basic realm=\"kechuang\"");
        return error(401, "invalid_client", "Client authentication failed", "Unknown client or wrong client secret",
                headers);
    }

    static GatewayProblem throttled(long retryAfterSeconds) {
        Map<String, String> headers = new LinkedHashMap<>(NO_STORE);
        headers.put("Retry-After", Long.toString(retryAfterSeconds));
        Problem problem = LoginThrottle.throttledProblem(retryAfterSeconds)
                .with("error", "temporarily_unavailable")
                .with("error_description", "Too many failed sign-ins; retry later").build();
        return new GatewayProblem(problem, headers);
    }

    private static GatewayProblem error(int status, String error, String title, String description,
            Map<String, String> headers) {
        Problem problem = Problem.of(status, error.replace('_', '-'), title).detail(description)
                .with("error", error).with("error_description", description).build();
        return new GatewayProblem(problem, headers);
    }
}

package io.kechuang.gateway.routing;

import io.kechuang.common.problem.Problem;
import io.quarkus.vertx.http.runtime.cors.CORSFilter;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A refusal that the CORS filter would otherwise send with an empty body, answered as problem+json instead, before
 * any other handler (right after {@link RequestTracing}; URIs too long and bodies too large are refused as problems by
 * libs/common's {@code RequestLimits}, in every service and here):
 * <ul>
 * <li>a cross-origin request from an origin that {@code quarkus.http.cors.origins} does not name is a 403, decided
 * exactly as Quarkus' CORS filter decides it (same origins, same regular expressions), which would otherwise end the
 * exchange with an empty 403. (Its other refusal, a method that {@code quarkus.http.cors.methods} does not list
 * from a named origin, is left to it: every method the API uses is listed.)</li>
 * </ul>
 */
@ApplicationScoped
public class EdgeProblems {

    @Inject
    ProblemWriter problems;

    @ConfigProperty(name = "quarkus.http.cors.enabled", defaultValue = "false")
    boolean corsEnabled;

    @ConfigProperty(name = "quarkus.http.cors.origins")
    Optional<List<String>> allowedOrigins;

    private List<Pattern> allowedOriginsRegex = List.of();
    private boolean anyOrigin;

    /** After {@link RequestTracing} (same order, registered later), before the CORS filter and every route. */
    void install(@Observes @Priority(2) Router router) {
        anyOrigin = CORSFilter.isConfiguredWithWildcard(allowedOrigins);
        allowedOriginsRegex = CORSFilter.parseAllowedOriginsRegex(allowedOrigins);
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String origin = request.getHeader("Origin");
        if (corsEnabled && origin != null && !originNamed(origin) && !sameOrigin(request, origin)) {
            problems.send(ctx, Problem.of(403, "cors-origin-not-allowed", "Origin not allowed")
                    .detail("Cross-origin requests from " + abbreviate(origin) + " are not allowed").build(), Map.of());
            return;
        }
        ctx.next();
    }

    /** Whether {@code quarkus.http.cors.origins} names {@code origin}, literally, as a pattern or by {@code *}. */
    private boolean originNamed(String origin) {
        return anyOrigin || allowedOrigins.map(list -> list.contains(origin)).orElse(false)
                || CORSFilter.isOriginAllowedByRegex(allowedOriginsRegex, origin);
    }

    /** A request from the gateway's own origin is no cross-origin request (the CORS filter lets it pass too). */
    private static boolean sameOrigin(HttpServerRequest request, String origin) {
        String authority = request.getHeader("Host");
        if (authority == null) {
            return false;
        }
        String scheme = request.scheme();
        String own = scheme + "://" + authority;
        String defaultPort = "https".equals(scheme) ? ":443" : ":80";
        return origin.equals(own) || origin.equals(own + defaultPort)
                || (own.endsWith(defaultPort) && origin.equals(own.substring(0, own.length() - defaultPort.length())));
    }

    private static String abbreviate(String origin) {
        return origin.length() > 200 ? origin.substring(0, 200) + "…" : origin;
    }
}

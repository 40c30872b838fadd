package io.kechuang.common.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses, before any other handler and with a problem+json body, what the HTTP layer would otherwise refuse with an
 * empty one (every service and the gateway install it):
 * <ul>
 * <li>a URI longer than {@code kechuang.http.max-uri-length} (4,096 characters) is a 414. Vert.x answers a request
 * line over {@code quarkus.http.limits.max-initial-line-length} with a bare 414 before any handler runs, so every
 * service sets that limit well above this one (64 KB): only request lines beyond it still get the bare answer;</li>
 * <li>a body that declares itself larger than {@code quarkus.http.limits.max-body-size} is a 413 before any of it is
 * read. (A chunked body without a length is still cut off by the HTTP layer at the same limit.)</li>
 * </ul>
 */
@ApplicationScoped
public class RequestLimits {

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10M")
    MemorySize maxBodySize;

    @ConfigProperty(name = "kechuang.http.max-uri-length", defaultValue = "4096")
    int maxUriLength;

    void install(@Observes Router router) {
        long limit = maxBodySize.asLongValue();
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            if (ctx.request().uri().length() > maxUriLength) {
                refuse(ctx, Problem.of(414, "uri-too-long", "URI too long")
                        .detail("The request URI may be at most " + maxUriLength + " characters")
                        .with("maxLength", maxUriLength).instance(ctx.request().path()).build());
                return;
            }
            String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null && isOver(declared, limit)) {
                refuse(ctx, Problem.of(413, "body-too-large", "Request body too large")
                        .detail("The body may be at most " + limit + " bytes")
                        .with("maxBytes", limit).instance(ctx.request().path()).build());
                return;
            }
            ctx.next();
        });
    }

    /** Answers with the problem and closes the connection: the rest of the request is never read. */
    private void refuse(RoutingContext ctx, Problem problem) {
        ctx.response().setStatusCode(problem.getStatus())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(json(problem));
    }

    private static boolean isOver(String declared, long limit) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String json(Problem problem) {
        try {
            return mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            return "{\"status\":" + problem.getStatus() + ",\"title\":\"" + problem.getTitle() + "\"}";
        }
    }
}

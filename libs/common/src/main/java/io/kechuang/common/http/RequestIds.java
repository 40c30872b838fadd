package io.kechuang.common.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * First handler of every request, in every service and the gateway: gives the request an id, the caller's
 * {@value #HEADER} if it is a sane one (the gateway passes its own on to the services) or else a new UUID, puts it in
 * the log's MDC as {@value #MDC_KEY} (so every line logged while handling the request carries it, in the JSON logs
 * too) and returns it in the response's {@value #HEADER}.
 *
 * <p>Quarkus keeps the MDC of a request in the request's own Vert.x context, so the value follows the request onto
 * the worker thread that runs the resource method and never leaks into another request.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    private static final String CONTEXT_KEY = "kechuang.request-id";
    /** What a caller's request id may look like; anything else (too long, odd characters) is replaced. */
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** Before every other route, including {@code RequestLimits} (same order, registered first). */
    void install(@Observes @Priority(0) Router router) {
        router.route().order(Integer.MIN_VALUE).handler(RequestIds::assign);
    }

    private static void assign(RoutingContext ctx) {
        String offered = ctx.request().getHeader(HEADER);
        String id = offered != null && ACCEPTED.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        ctx.put(CONTEXT_KEY, id);
        MDC.put(MDC_KEY, id);
        ctx.addHeadersEndHandler(v -> ctx.response().headers().set(HEADER, id));
        ctx.next();
    }

    /** The id of the request, once the first handler has run. */
    public static String of(RoutingContext ctx) {
        return ctx.get(CONTEXT_KEY);
    }
}

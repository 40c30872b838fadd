package io.kechuang.gateway.routing;

import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * First handler of every request: gives it an {@code X-Request-Id} (the caller's, if it is a sane one, else a new
 * UUID) that is passed to the service and returned to the caller, and writes one access log line when the response
 * is done, on category {@value #ACCESS_CATEGORY}.
 */
@ApplicationScoped
public class RequestTracing {

    public static final String HEADER = "X-Request-Id";
    public static final String ACCESS_CATEGORY = "io.kechuang.gateway.access";
    static final String REQUEST_ID = "kechuang.request-id";
    static final String SUBJECT = "kechuang.subject";
    static final String UPSTREAM = "kechuang.upstream";
    static final String UPSTREAM_FAILURE = "kechuang.upstream-failure";

    /** What a caller's request id may look like; anything else (too long, odd characters) is replaced. */
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Logger ACCESS = Logger.getLogger(ACCESS_CATEGORY);

    /** Before every other route, including libs/common's body size check (same order, registered first). */
    void install(@Observes @Priority(1) Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::trace);
    }

    private void trace(RoutingContext ctx) {
        String offered = ctx.request().getHeader(HEADER);
        String id = offered != null && ACCEPTED.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        ctx.put(REQUEST_ID, id);
        long start = System.nanoTime();
        ctx.addHeadersEndHandler(v -> ctx.response().headers().set(HEADER, id));
        ctx.addBodyEndHandler(v -> log(ctx, id, start));
        ctx.next();
    }

    static String requestId(RoutingContext ctx) {
        return ctx.get(REQUEST_ID);
    }

    private static void log(RoutingContext ctx, String id, long start) {
        if (!ACCESS.isInfoEnabled()) {
            return;
        }
        String uri = ctx.request().uri();
        String address = ctx.request().remoteAddress() == null ? "-" : ctx.request().remoteAddress().host();
        String subject = ctx.get(SUBJECT);
        if (subject == null && ctx.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()) {
            subject = user.getSecurityIdentity().getPrincipal().getName();
        }
        String upstream = ctx.get(UPSTREAM);
        String failure = ctx.get(UPSTREAM_FAILURE);
        ACCESS.infof("%s %s %s %d %dB %dms rid=%s sub=%s upstream=%s%s", address, ctx.request().method(),
                uri.length() > 300 ? uri.substring(0, 300) + "…" : uri, ctx.response().getStatusCode(),
                ctx.response().bytesWritten(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), id,
                subject == null ? "-" : subject, upstream == null ? "-" : upstream,
                failure == null ? "" : " failure=" + failure);
    }
}

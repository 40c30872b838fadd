package io.kechuang.gateway.routing;

import io.kechuang.common.http.RequestIds;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Second handler of every request, right after libs/common's {@link RequestIds} gave it its {@code X-Request-Id}
 * (the caller's, if it is a sane one, else a new UUID; passed on to the service, returned to the caller and in the
 * log's MDC): writes one access log line when the response is done, on category {@value #ACCESS_CATEGORY}.
 */
@ApplicationScoped
public class RequestTracing {

    public static final String HEADER = RequestIds.HEADER;
    public static final String ACCESS_CATEGORY = "io.kechuang.gateway.access";
    static final String SUBJECT = "kechuang.subject";
    static final String UPSTREAM = "kechuang.upstream";
    static final String UPSTREAM_FAILURE = "kechuang.upstream-failure";

    private static final Logger ACCESS = Logger.getLogger(ACCESS_CATEGORY);

    /** Right after {@link RequestIds}, before libs/common's request limits (same order, registered in this order). */
    void install(@Observes @Priority(1) Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::trace);
    }

    private void trace(RoutingContext ctx) {
        String id = RequestIds.of(ctx);
        long start = System.nanoTime();
        ctx.addBodyEndHandler(v -> log(ctx, id, start));
        ctx.next();
    }

    static String requestId(RoutingContext ctx) {
        return RequestIds.of(ctx);
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

package io.kechuang.gateway.routing;

import io.kechuang.common.security.Caller;
import io.kechuang.gateway.GatewayConfig;
import io.kechuang.gateway.GatewayProblem;
import io.kechuang.gateway.limits.RateLimiter;
import io.kechuang.gateway.token.TokenVerifier;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Routes {@code /api/<route>/**} to the services with vertx-http-proxy. Each request must carry a valid token (401
 * otherwise; the service checks it again), is counted against its subject's rate limit (429 with
 * {@code Retry-After}), and is then streamed to the service and back. The Authorization header passes through
 * untouched. Runs on the event loop; only the rate-limit count goes to a worker thread.
 */
@ApplicationScoped
public class ServiceProxy {

    /** After Quarkus' filters (CORS, security), before the REST layer. */
    static final int ORDER = RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT;
    private static final Logger LOG = Logger.getLogger(ServiceProxy.class);

    @Inject
    Vertx vertx;

    @Inject
    GatewayConfig config;

    @Inject
    RouteTable routes;

    @Inject
    TokenVerifier verifier;

    @Inject
    RateLimiter limiter;

    @Inject
    ProblemWriter problems;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10M")
    MemorySize maxBodySize;

    private HttpClient client;
    private UpstreamExchange.ProxyTimeouts timeouts;
    private volatile long lastLimiterWarning;

    void install(@Observes Router router) {
        GatewayConfig.Upstream upstream = config.upstream();
        client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) upstream.connectTimeout().toMillis())
                .setKeepAlive(true)
                .setDecompressionSupported(false),
                new PoolOptions().setHttp1MaxSize(upstream.maxConnections()));
        timeouts = new UpstreamExchange.ProxyTimeouts(upstream.connectTimeout().toMillis(),
                upstream.idleTimeout().toMillis());
        for (Route route : routes.routes()) {
            router.routeWithRegex(route.regex()).order(ORDER).handler(ctx -> admit(ctx, route));
            LOG.infof("Routing %s/** to %s", route.prefix(), route.origin());
        }
    }

    /** Checks the token, then the rate limit (off the event loop), then proxies. */
    private void admit(RoutingContext ctx, Route route) {
        Optional<Caller> caller = verifier.verify(bearer(ctx.request().getHeader(HttpHeaders.AUTHORIZATION)));
        if (caller.isEmpty()) {
            problems.send(ctx, ProblemWriter.unauthenticated(), Map.of("WWW-Authenticate", "Bearer"));
            return;
        }
        String subject = caller.get().subject();
        ctx.put(RequestTracing.SUBJECT, subject);
        ctx.put(RequestTracing.UPSTREAM, route.name());
        ctx.request().pause();
        ctx.vertx().executeBlocking(() -> limiter.hit(subject), false).onComplete(counted -> {
            if (counted.failed()) {
                warnLimiterDown(counted.cause());
            } else {
                RateLimiter.Decision decision = counted.result();
                ctx.response().putHeader("X-RateLimit-Limit", Integer.toString(decision.limit()));
                ctx.response().putHeader("X-RateLimit-Remaining", Integer.toString(decision.remaining()));
                if (!decision.allowed()) {
                    problems.send(ctx, GatewayProblem.tooManyRequests(
                            "At most " + decision.limit() + " requests per " + config.rateLimit().window().toSeconds()
                                    + " s for " + subject + "; try again in " + decision.secondsLeft() + " s",
                            decision.secondsLeft()).problem(),
                            Map.of("Retry-After", Long.toString(decision.secondsLeft())));
                    return;
                }
            }
            proxy(ctx, route);
        });
    }

    private void proxy(RoutingContext ctx, Route route) {
        UpstreamExchange exchange = new UpstreamExchange(ctx, route, RequestTracing.requestId(ctx),
                maxBodySize.asLongValue(), timeouts, problems);
        HttpProxy proxy = HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(false), client)
                .origin(exchange::connect)
                .addInterceptor(exchange);
        proxy.handle(ctx.request());
    }

    /** Rate limiting fails open: a database hiccup must not take the whole API down with it. */
    private void warnLimiterDown(Throwable cause) {
        long now = System.currentTimeMillis();
        if (now - lastLimiterWarning > 60_000) {
            lastLimiterWarning = now;
            LOG.warnf("Rate limiter unavailable, letting requests through: %s", cause.toString());
        }
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).trim();
    }
}

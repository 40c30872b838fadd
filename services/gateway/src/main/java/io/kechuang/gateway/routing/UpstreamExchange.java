package io.kechuang.gateway.routing;

import io.kechuang.common.problem.Problem;
import io.kechuang.common.problem.ProblemMappers;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import java.util.concurrent.TimeoutException;

/**
 * One proxied exchange, as a vertx-http-proxy interceptor and origin: forwards the normalised path, the caller's
 * host (so services build links to the gateway), {@code X-Request-Id} and {@code X-Forwarded-*}; streams both
 * bodies, cutting off a chunked request body at the size limit; and turns a failure to reach the service into
 * problem+json (503 unreachable, 504 silent, 502 broken off, 413 too large) instead of the library's empty 502.
 */
final class UpstreamExchange implements ProxyInterceptor {

    private final RoutingContext ctx;
    private final Route route;
    private final String requestId;
    private final long maxBodyBytes;
    private final ProxyTimeouts timeouts;
    private final ProblemWriter problems;
    private BoundedStream boundedBody;
    private volatile boolean connected;

    /** Connect and idle timeouts for one request, in milliseconds. */
    record ProxyTimeouts(long connectMillis, long idleMillis) {
    }

    UpstreamExchange(RoutingContext ctx, Route route, String requestId, long maxBodyBytes, ProxyTimeouts timeouts,
            ProblemWriter problems) {
        this.ctx = ctx;
        this.route = route;
        this.requestId = requestId;
        this.maxBodyBytes = maxBodyBytes;
        this.timeouts = timeouts;
        this.problems = problems;
    }

    /** The origin request: a pooled connection to the service, within the connect timeout. */
    Future<HttpClientRequest> connect(ProxyContext proxy) {
        RequestOptions options = new RequestOptions()
                .setServer(SocketAddress.inetSocketAddress(route.port(), route.origin().getHost()))
                .setSsl(route.tls())
                .setConnectTimeout(timeouts.connectMillis())
                .setIdleTimeout(timeouts.idleMillis());
        return proxy.client().request(options).onSuccess(request -> {
            connected = true;
            // Failures surface through the response future and become problem+json; nothing more to log here.
            request.exceptionHandler(failure -> { });
        });
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext proxy) {
        ProxyRequest request = proxy.request();
        HttpServerRequest incoming = request.proxiedRequest();
        String query = incoming.query();
        request.setURI(ctx.normalizedPath() + (query == null ? "" : "?" + query));
        if (incoming.authority() != null) {
            request.setAuthority(incoming.authority());
        }
        request.headers().set(RequestTracing.HEADER, requestId);
        if (incoming.remoteAddress() != null) {
            request.headers().set("X-Forwarded-For", incoming.remoteAddress().host());
        }
        request.headers().set("X-Forwarded-Proto", incoming.scheme() == null ? "http" : incoming.scheme());
        if (incoming.authority() != null) {
            request.headers().set("X-Forwarded-Host", incoming.authority().toString());
        }
        Body body = request.getBody();
        if (body != null && body.length() < 0 && !incoming.isEnded()) {
            boundedBody = new BoundedStream(body.stream(), maxBodyBytes, () -> incoming.connection().close());
            request.setBody(Body.body(boundedBody, -1));
        }
        return proxy.sendRequest().recover(failure -> Future.succeededFuture(failed(proxy, failure)));
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext proxy) {
        // The gateway's own X-Request-Id goes on every response; a service's echo of it would duplicate it.
        proxy.response().headers().remove(RequestTracing.HEADER);
        return proxy.sendResponse();
    }

    private ProxyResponse failed(ProxyContext proxy, Throwable failure) {
        Problem problem;
        if (boundedBody != null && boundedBody.exceeded()) {
            problem = ProblemWriter.bodyTooLarge(maxBodyBytes);
        } else if (!connected) {
            problem = ProblemWriter.serviceUnavailable(route.name());
        } else if (failure instanceof TimeoutException) {
            problem = ProblemWriter.gatewayTimeout(route.name());
        } else {
            problem = ProblemWriter.badGateway(route.name());
        }
        ctx.put(RequestTracing.UPSTREAM_FAILURE, failure.getClass().getSimpleName() + ": " + failure.getMessage());
        Buffer json = problems.body(problem.withInstance(ctx.request().path()));
        ProxyResponse response = proxy.request().release().response()
                .setStatusCode(problem.getStatus())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .setBody(Body.body(json));
        if (problem.getStatus() == 503) {
            // A service that is down is usually back after a restart: say when to try again, as the services do.
            response.putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(ProblemMappers.RETRY_AFTER_SECONDS));
        }
        return response;
    }
}

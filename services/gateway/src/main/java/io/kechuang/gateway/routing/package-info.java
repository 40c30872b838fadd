/**
 * The reverse proxy. {@link io.kechuang.gateway.routing.RequestTracing} gives every request an {@code X-Request-Id}
 * and an access log line; {@link io.kechuang.gateway.routing.ServiceProxy} admits a call to {@code /api/<route>/**}
 * (valid token, within the rate limit) and hands it to vertx-http-proxy, with
 * {@link io.kechuang.gateway.routing.UpstreamExchange} shaping the exchange: forwarded headers, streamed bodies with
 * the size limit, and problem+json when the service is down (503), silent (504) or breaks off (502).
 */
package io.kechuang.gateway.routing;

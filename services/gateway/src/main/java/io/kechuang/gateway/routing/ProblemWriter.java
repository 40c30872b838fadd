package io.kechuang.gateway.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kechuang.common.problem.Problem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/** problem+json answers from the gateway's own HTTP layer (outside REST resources), shaped like libs/common's. */
@ApplicationScoped
public class ProblemWriter {

    @Inject
    ObjectMapper mapper;

    public Buffer body(Problem problem) {
        try {
            return Buffer.buffer(mapper.writeValueAsBytes(problem));
        } catch (JsonProcessingException e) {
            return Buffer.buffer("{\"status\":" + problem.getStatus() + ",\"title\":\"" + problem.getTitle() + "\"}");
        }
    }

    /** Ends the exchange with {@code problem}. A request body not read yet is abandoned with the connection. */
    public void send(RoutingContext ctx, Problem problem, Map<String, String> headers) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            response.reset();
            return;
        }
        Problem body = problem.getInstance() == null ? problem.withInstance(ctx.request().path()) : problem;
        response.setStatusCode(body.getStatus()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        headers.forEach(response::putHeader);
        if (!ctx.request().isEnded()) {
            if (ctx.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
                // A body of unknown length is not worth reading: drop it with the connection.
                response.putHeader(HttpHeaders.CONNECTION, "close");
            } else {
                // Read and drop the rest (its declared length is within the body limit), keeping the connection.
                ctx.request().resume();
            }
        }
        response.end(body(body));
    }

    static Problem unauthenticated() {
        return Problem.of(401, "unauthenticated", "Unauthenticated").detail("A valid bearer token is required").build();
    }

    static Problem serviceUnavailable(String route) {
        return Problem.of(503, "service-unavailable", "Service unavailable")
                .detail("The service behind /api/" + route + " cannot be reached; try again shortly")
                .with("route", route).build();
    }

    static Problem gatewayTimeout(String route) {
        return Problem.of(504, "gateway-timeout", "Gateway timeout")
                .detail("The service behind /api/" + route + " did not answer in time").with("route", route).build();
    }

    static Problem badGateway(String route) {
        return Problem.of(502, "bad-gateway", "Bad gateway")
                .detail("The service behind /api/" + route + " broke off its answer").with("route", route).build();
    }

    static Problem bodyTooLarge(long limit) {
        return Problem.of(413, "body-too-large", "Request body too large")
                .detail("The body may be at most " + limit + " bytes").with("maxBytes", limit).build();
    }
}

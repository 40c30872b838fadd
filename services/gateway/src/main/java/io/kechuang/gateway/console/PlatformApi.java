package io.kechuang.gateway.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The console's only way to data: the platform's public API, called over HTTP with the signed-in person's token,
 * through the gateway itself (token checks, rate limits, routing), exactly as a partner portal calls it.
 */
@ApplicationScoped
public class PlatformApi {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    ObjectMapper json;

    @Inject
    ConsoleConfig config;

    @Inject
    Sessions sessions;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** One API answer: its status, its JSON body (a NullNode when there is none) and its Location, if any. */
    public record Answer(int status, JsonNode body, Optional<String> location, String raw) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The problem's detail, or a generic line for a body that is not a problem. */
        public String detail() {
            String detail = body.path("detail").asText("");
            return detail.isBlank() ? body.path("title").asText("HTTP " + status) : detail;
        }
    }

    public Answer get(Sessions.Person person, String base, String pathAndQuery) {
        return call(person, base, "GET", pathAndQuery, null, null, null);
    }

    public Answer send(Sessions.Person person, String base, String method, String pathAndQuery, JsonNode body) {
        return send(person, base, method, pathAndQuery, body, null);
    }

    /** With {@code ifMatch} (a version), the write applies only to that version of the record (412 otherwise). */
    public Answer send(Sessions.Person person, String base, String method, String pathAndQuery, JsonNode body,
            String ifMatch) {
        return call(person, base, method, pathAndQuery, body == null ? null : body.toString(),
                body == null ? null : "application/json", ifMatch);
    }

    public Answer sendText(Sessions.Person person, String base, String method, String pathAndQuery, String body,
            String contentType) {
        return call(person, base, method, pathAndQuery, body, contentType, null);
    }

    /** {@code base} is where this gateway answers, from the request that asked for the page. */
    private Answer call(Sessions.Person person, String base, String method, String pathAndQuery, String body,
            String contentType, String ifMatch) {
        URI uri = URI.create(config.apiUrl().map(URI::toString).orElse(base).replaceAll("/$", "") + pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + sessions.token(person))
                .header("Accept", "application/json, application/problem+json, text/csv");
        if (ifMatch != null && ifMatch.matches("\\d{1,18}")) {
            request.header("If-Match", "\"" + ifMatch + "\"");
        }
        if (body != null) {
            request.header("Content-Type", contentType + "; charset=utf-8");
            request.method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = client.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonNode parsed = NullNode.getInstance();
            if (type.contains("json") && !response.body().isBlank()) {
                parsed = json.readTree(response.body());
            }
            return new Answer(response.statusCode(), parsed, response.headers().firstValue("Location"),
                    response.body());
        } catch (IOException e) {
            return unavailable(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable("interrupted");
        }
    }

    private Answer unavailable(String why) {
        return new Answer(503, json.createObjectNode().put("status", 503).put("title", "Service unavailable")
                .put("detail", "The platform did not answer: " + why), Optional.empty(), "");
    }
}

package io.kechuang.reliability.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Plain JSON calls through the gateway, for making fixtures (not the fuzzed requests themselves). */
final class GatewayCalls {

    static final ObjectMapper JSON = new ObjectMapper();

    private final URI gateway;
    private final HttpClient http;

    GatewayCalls(URI gateway, HttpClient http) {
        this.gateway = gateway;
        this.http = http;
    }

    HttpResponse<String> send(String method, String path, String token, String json, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(gateway.resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::setHeader); // a Content-Type here replaces the JSON one
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends and requires {@code expect}; returns the body as JSON (an empty object for none). */
    JsonNode call(String method, String path, String token, Object body, int expect) {
        return call(method, path, token, body, expect, Map.of());
    }

    JsonNode call(String method, String path, String token, Object body, int expect, Map<String, String> headers) {
        String json;
        try {
            json = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpResponse<String> r = send(method, path, token, json, headers);
        if (r.statusCode() != expect) {
            throw new IllegalStateException("fixture: " + method + " " + path + " answered " + r.statusCode()
                    + " (expected " + expect + "): " + r.body());
        }
        try {
            return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code If-Match} value for a record's current version. */
    static String ifMatch(JsonNode view) {
        return "\"" + view.path("version").asLong() + "\"";
    }
}

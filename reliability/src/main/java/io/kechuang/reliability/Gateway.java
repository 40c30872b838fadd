package io.kechuang.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.kechuang.reliability.Latencies.Outcome;

/** The load's one way in: HTTP calls through the gateway, each timed and counted under its operation's name. */
final class Gateway {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(35);
    static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final Latencies latencies;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    Gateway(URI base, Latencies latencies) {
        this.base = base;
        this.latencies = latencies;
    }

    /** An answer; status 0 when there was none (no connection, timeout). */
    record Answer(int status, JsonNode body, Optional<String> etag) {
        boolean acknowledged() {
            return status >= 200 && status < 300;
        }

        /** The version the answer's ETag names ({@code "7"}), else -1. */
        long version() {
            return etag.map(t -> Long.parseLong(t.replace("W/", "").replace("\"", ""))).orElse(-1L);
        }
    }

    Answer call(String operation, String method, String path, String token, JsonNode body, String idempotencyKey,
            String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(CALL_TIMEOUT)
                .header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        long t0 = System.nanoTime();
        Answer answer;
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json = response.body() == null || response.body().isBlank() ? JSON.createObjectNode()
                    : parse(response.body());
            answer = new Answer(response.statusCode(), json, response.headers().firstValue("ETag"));
        } catch (IOException e) {
            answer = new Answer(0, JSON.createObjectNode(), Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = new Answer(0, JSON.createObjectNode(), Optional.empty());
        }
        latencies.record(operation, System.nanoTime() - t0, answer.acknowledged() ? Outcome.ACKNOWLEDGED
                : answer.status >= 400 && answer.status < 500 ? Outcome.REFUSED : Outcome.FAILED);
        return answer;
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode().put("unparsed", body);
        }
    }
}

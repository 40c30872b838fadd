package io.kechuang.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Real HTTP servers standing in for the services, on random ports: achievement, demand and matching. Each tells in
 * its answer what it received, so tests assert on the gateway's response alone. {@code /api/search} points at a
 * closed port, to see a service that is down.
 *
 * <ul>
 * <li>{@code /q/openapi}: a small OpenAPI document</li>
 * <li>{@code .../echo...}: method, URI, headers seen, body length and SHA-256</li>
 * <li>{@code .../download?bytes=N}: N bytes, chunked, from {@link #pattern(long)}</li>
 * <li>{@code .../slow}: answers only after 6 s</li>
 * <li>{@code POST /api/demands/records}, {@code GET /api/demands/records/{id}}: a record owned by the caller's
 * organisation, and the demand service's object-level rule: another organisation gets 404, as if it did not exist</li>
 * </ul>
 */
public class StubServices implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        int achievements = listen("achievement-service");
        int demands = listen("demand-service");
        int matching = listen("matching-service");
        return Map.of(
                "kechuang.gateway.routes.achievements", "http://127.0.0.1:" + achievements,
                "kechuang.gateway.routes.demands", "http://127.0.0.1:" + demands,
                "kechuang.gateway.routes.matches", "http://127.0.0.1:" + matching,
                "kechuang.gateway.routes.search", "http://127.0.0.1:" + closedPort());
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    /** Byte {@code i} of every download. */
    public static byte pattern(long i) {
        return (byte) ((i * 31 + 7) & 0xff);
    }

    private int listen(String service) {
        Map<String, String> owners = new ConcurrentHashMap<>();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> handle(service, owners, request));
        return server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
    }

    private void handle(String service, Map<String, String> owners, HttpServerRequest request) {
        String path = request.path();
        if (path.equals("/q/openapi")) {
            request.response().putHeader("Content-Type", "application/json").end(openApi(service).encode());
        } else if (path.contains("/echo")) {
            echo(service, request);
        } else if (path.endsWith("/download")) {
            download(request);
        } else if (path.endsWith("/slow")) {
            vertx.setTimer(6000, t -> request.response().end("late"));
        } else if (path.equals("/api/demands/records") && request.method().name().equals("POST")) {
            String id = UUID.randomUUID().toString();
            owners.put(id, claim(request, "org"));
            request.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("id", id).put("ownerOrgId", owners.get(id)).encode());
        } else if (path.startsWith("/api/demands/records/")) {
            String id = path.substring("/api/demands/records/".length());
            String owner = owners.get(id);
            if (owner == null || !owner.equals(claim(request, "org"))) {
                request.response().setStatusCode(404).putHeader("Content-Type", "application/problem+json")
                        .end(new JsonObject().put("type", "https://kechuang.io/problems/not-found")
                                .put("title", "Demand not found").put("status", 404)
                                .put("detail", "No demand with id " + id).put("instance", path).encode());
            } else {
                request.response().putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("id", id).put("ownerOrgId", owner).encode());
            }
        } else {
            request.response().setStatusCode(404).end();
        }
    }

    private static void echo(String service, HttpServerRequest request) {
        MessageDigest sha = sha256();
        long[] length = {0};
        request.handler(chunk -> {
            sha.update(chunk.getBytes());
            length[0] += chunk.length();
        });
        request.endHandler(v -> {
            JsonObject seen = new JsonObject()
                    .put("service", service)
                    .put("method", request.method().name())
                    .put("uri", request.uri())
                    .put("host", request.getHeader("Host"))
                    .put("authorization", request.getHeader("Authorization"))
                    .put("requestId", request.getHeader("X-Request-Id"))
                    .put("forwardedFor", request.getHeader("X-Forwarded-For"))
                    .put("forwardedProto", request.getHeader("X-Forwarded-Proto"))
                    .put("bodyBytes", length[0])
                    .put("bodySha256", HexFormat.of().formatHex(sha.digest()));
            // Echo the request id back, as a service might; the gateway must not send it twice.
            request.response().putHeader("Content-Type", "application/json")
                    .putHeader("X-Request-Id", String.valueOf(request.getHeader("X-Request-Id")))
                    .end(seen.encode());
        });
    }

    private void download(HttpServerRequest request) {
        long total = Long.parseLong(request.getParam("bytes"));
        var response = request.response().setChunked(true).putHeader("Content-Type", "application/octet-stream");
        long[] sent = {0};
        Runnable[] next = new Runnable[1];
        next[0] = () -> {
            while (sent[0] < total && !response.writeQueueFull()) {
                int size = (int) Math.min(64 * 1024, total - sent[0]);
                byte[] chunk = new byte[size];
                for (int i = 0; i < size; i++) {
                    chunk[i] = pattern(sent[0] + i);
                }
                sent[0] += size;
                response.write(Buffer.buffer(chunk));
            }
            if (sent[0] >= total) {
                response.end();
            } else {
                response.drainHandler(v -> next[0].run());
            }
        };
        next[0].run();
    }

    private static JsonObject openApi(String service) {
        String prefix = switch (service) {
            case "achievement-service" -> "/api/achievements";
            case "demand-service" -> "/api/demands";
            default -> "/api/matches";
        };
        JsonObject operation = new JsonObject().put("tags", new JsonArray().add(service))
                .put("security", new JsonArray().add(new JsonObject().put("jwt", new JsonArray())))
                .put("responses", new JsonObject().put("200", new JsonObject().put("description", "the thing")
                        .put("content", new JsonObject().put("application/json", new JsonObject().put("schema",
                                new JsonObject().put("$ref", "#/components/schemas/Thing"))))));
        JsonObject paths = new JsonObject()
                .put(prefix + "/{id}", new JsonObject().put("get", operation))
                .put("/q/health", new JsonObject().put("get", new JsonObject().put("responses", new JsonObject())));
        if (service.equals("matching-service")) {
            paths.put("/api/search", new JsonObject().put("get", operation.copy()));
        }
        JsonObject problem = new JsonObject().put("type", "object").put("properties",
                new JsonObject().put("status", new JsonObject().put("type", "integer")));
        JsonObject thing = new JsonObject().put("type", "object").put("description", "A thing of " + service);
        return new JsonObject().put("openapi", "3.1.0")
                .put("info", new JsonObject().put("title", "Stub " + service).put("version", "1"))
                .put("tags", new JsonArray().add(new JsonObject().put("name", service)))
                .put("paths", paths)
                .put("components", new JsonObject().put("schemas",
                        new JsonObject().put("Problem", problem).put("Thing", thing)));
    }

    /** A claim of the bearer token, read without checking it: the stub trusts the gateway as a test fixture. */
    private static String claim(HttpServerRequest request, String name) {
        String auth = request.getHeader("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            return null;
        }
        String[] parts = auth.substring(7).split("\\.");
        JsonObject payload = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        return payload.getString(name);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

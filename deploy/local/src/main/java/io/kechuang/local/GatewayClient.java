package io.kechuang.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the launcher (and code that drives it) asks of the gateway over HTTP: tokens from {@code /auth/token} (the
 * password and client-credentials grants) and the few admin calls that register the demo accounts. Creating
 * something that already exists is not an error here: the gateway answers 409, and the caller learns that it existed.
 */
public final class GatewayClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    /** @param base the gateway's base URL, e.g. {@code http://127.0.0.1:8080} */
    public GatewayClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public URI baseUri() {
        return base;
    }

    /** A token for a person: the OAuth2 password grant. */
    public GatewayToken passwordToken(String username, String password) {
        return token(Map.of("grant_type", "password", "username", username, "password", password));
    }

    /** A token for a program (a partner portal): the OAuth2 client-credentials grant. */
    public GatewayToken clientToken(String clientId, String clientSecret) {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", clientSecret));
    }

    private GatewayToken token(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        Instant asked = Instant.now();
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("/auth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), "sign-in as " + subjectOf(form));
        JsonNode answer = expect(response, 200, "sign-in as " + subjectOf(form));
        return new GatewayToken(answer.path("access_token").asText(),
                asked.plusSeconds(answer.path("expires_in").asLong()));
    }

    private static String subjectOf(Map<String, String> form) {
        return form.getOrDefault("username", form.get("client_id"));
    }

    // ------------------------------------------------------------------------------------------ admin API

    /** Registers an organisation with a fixed id; false if one with that id exists already. */
    boolean createOrganisation(String adminToken, String id, String name, String type, String regionCode) {
        ObjectNode request = json.createObjectNode()
                .put("id", id).put("name", name).put("type", type).put("regionCode", regionCode);
        return created(post(adminToken, "/api/admin/organisations", request), "register organisation " + id);
    }

    /** Creates a user; false if the username is taken already. */
    boolean createUser(String adminToken, String username, String displayName, String password, String orgId,
            String role, boolean lead) {
        ObjectNode request = json.createObjectNode()
                .put("username", username).put("displayName", displayName).put("password", password)
                .put("organisationId", orgId).put("lead", lead);
        request.putArray("roles").add(role);
        return created(post(adminToken, "/api/admin/users", request), "create user " + username);
    }

    /** Registers an API client; its secret, or empty if the client id is taken already. */
    Optional<String> createClient(String adminToken, String clientId, String name, String orgId, String role) {
        ObjectNode request = json.createObjectNode()
                .put("clientId", clientId).put("name", name).put("organisationId", orgId);
        request.putArray("roles").add(role);
        HttpResponse<String> response = post(adminToken, "/api/admin/clients", request);
        if (response.statusCode() == 409) {
            return Optional.empty();
        }
        return Optional.of(expect(response, 201, "register client " + clientId).path("clientSecret").asText());
    }

    /** Issues a new secret for the client {@code clientId} of organisation {@code orgId} (the old one stops working). */
    String resetClientSecret(String adminToken, String clientId, String orgId) {
        String what = "new secret for client " + clientId;
        JsonNode page = expect(send(authorized(adminToken, "/api/admin/clients?organisationId=" + orgId + "&size=100")
                .GET(), what), 200, what);
        for (JsonNode client : page.path("items")) {
            if (clientId.equals(client.path("clientId").asText())) {
                HttpResponse<String> reset = send(authorized(adminToken,
                        "/api/admin/clients/" + client.path("id").asText() + "/secret")
                        .POST(HttpRequest.BodyPublishers.noBody()), what);
                return expect(reset, 200, what).path("clientSecret").asText();
            }
        }
        throw new GatewayException(what + ": the gateway has no client " + clientId + " in organisation " + orgId, 404);
    }

    private HttpResponse<String> post(String adminToken, String path, JsonNode body) {
        return send(authorized(adminToken, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)), "POST " + path);
    }

    private HttpRequest.Builder authorized(String token, String path) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token);
    }

    private boolean created(HttpResponse<String> response, String what) {
        if (response.statusCode() == 409) {
            return false;
        }
        expect(response, 201, what);
        return true;
    }

    // ------------------------------------------------------------------------------------------ plumbing

    private HttpResponse<String> send(HttpRequest.Builder request, String what) {
        try {
            return http.send(request.timeout(TIMEOUT).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(what + ": the gateway at " + base + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + ": interrupted", e);
        }
    }

    private JsonNode expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            String body = response.body() == null ? "" : response.body();
            throw new GatewayException(what + " failed: HTTP " + response.statusCode() + " "
                    + (body.length() > 500 ? body.substring(0, 500) + "…" : body), response.statusCode());
        }
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new GatewayException(what + ": unreadable answer " + response.body(), response.statusCode());
        }
    }

    /** A token from {@code /auth/token} and when it runs out (the gateway's tokens live 15 minutes). */
    public record GatewayToken(String accessToken, Instant expiresAt) {

        @Override
        public String toString() {
            return "GatewayToken[expiresAt=" + expiresAt + "]"; // never the token itself in logs
        }
    }

    /** The gateway answered, but not as hoped; {@link #status()} is its HTTP status. */
    public static final class GatewayException extends RuntimeException {
        private final int status;

        GatewayException(String message, int status) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}

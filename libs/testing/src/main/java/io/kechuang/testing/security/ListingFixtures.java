package io.kechuang.testing.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The fixtures of a listing service (achievements, demands), made through its own API: {@code draft} (created by the
 * owner), the public kind (the draft after the owner's {@code publish} or {@code open}), {@code resync-run} (an
 * admin's resync) and {@code import-job} (the owner's CSV import of the table's body {@code <bodyName>-csv}, read
 * back by an admin). Variables: {@code id} and {@code If-Match} (the record's current ETag).
 *
 * <pre>{@code
 * ListingFixtures.suite("demand-service", base, "/api/demands", "enterprise", "demand", "open", "open").tests();
 * }</pre>
 */
public final class ListingFixtures implements Fixtures {

    private final URI base;
    private final String collection;
    private final String ownerToken;
    private final String adminToken;
    private final JsonNode bodyTemplate;
    private final JsonNode csvTemplate;
    private final Map<String, String> vars;
    private final String publicAction;
    private final String publicName;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /**
     * @param bodyTemplate a complete create body (a template of the service's table, {@link SecurityTable#body})
     * @param csvTemplate a CSV import file (a text template of the table)
     * @param vars its placeholders' values
     * @param publicAction the owner's move from draft to the market ({@code publish}, {@code open})
     * @param publicName the fixture name of a record on the market ({@code published}, {@code open})
     */
    public ListingFixtures(URI base, String collection, String ownerToken, String adminToken, JsonNode bodyTemplate,
            JsonNode csvTemplate, Map<String, String> vars, String publicAction, String publicName) {
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
        this.collection = collection;
        this.ownerToken = ownerToken;
        this.adminToken = adminToken;
        this.bodyTemplate = bodyTemplate;
        this.csvTemplate = csvTemplate;
        this.vars = vars;
        this.publicAction = publicAction;
        this.publicName = publicName;
    }

    /**
     * The security suite of a listing service: a new {@link SecurityWorld}, whose {@code ownerRole} owns the records
     * made from the table's body template {@code bodyName} (and imported from {@code <bodyName>-csv}).
     */
    public static SecuritySuite.Builder suite(String service, URI base, String collection, String ownerRole,
            String bodyName, String publicAction, String publicName) {
        SecurityWorld world = new SecurityWorld();
        SecurityTable table = SecurityTable.load(service);
        ListingFixtures fixtures = new ListingFixtures(base, collection, world.token(ownerRole), world.token("admin"),
                table.body(bodyName), table.body(bodyName + "-csv"), world.vars(), publicAction, publicName);
        return SecuritySuite.forService(service, base).tokens(world).vars(world.vars()).fixtures(fixtures);
    }

    @Override
    public Fixture create(String name) {
        if (name.equals("resync-run")) {
            HttpResponse<String> run = send("POST", collection + "/resync", adminToken, null, 202);
            String id = json(run).path("id").asText();
            return Fixture.of(Map.of("id", id), collection + "/resync/" + id);
        }
        if (name.equals("import-job")) {
            String csv = SecuritySuite.fill(csvTemplate, vars).asText();
            HttpResponse<String> job = send("POST", collection + "/import", ownerToken, csv, "text/csv", 202);
            String id = json(job).path("id").asText();
            return Fixture.of(Map.of("id", id), collection + "/imports/" + id);
        }
        if (!name.equals("draft") && !name.equals(publicName)) {
            throw new IllegalArgumentException("no fixture '" + name + "' for " + collection + ": draft, " + publicName
                    + ", resync-run or import-job");
        }
        String body = SecuritySuite.fill(bodyTemplate, vars).toString();
        HttpResponse<String> created = send("POST", collection, ownerToken, body, 201);
        String id = json(created).path("id").asText();
        String etag = created.headers().firstValue("ETag").orElseThrow();
        if (name.equals(publicName)) {
            HttpResponse<String> moved = send("POST", collection + "/" + id + "/" + publicAction, ownerToken, null,
                    200);
            etag = moved.headers().firstValue("ETag").orElseThrow();
        }
        return Fixture.of(Map.of("id", id, "If-Match", etag), collection + "/" + id);
    }

    /** A request of a fixture's maker: {@code expect} or an {@link IllegalStateException} naming the answer. */
    HttpResponse<String> send(String method, String path, String token, String body, int expect) {
        return send(method, path, token, body, "application/json", expect);
    }

    private HttpResponse<String> send(String method, String path, String token, String body, String type, int expect) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", type)
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expect) {
                throw new IllegalStateException("fixture: " + method + " " + path + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return SecurityTable.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

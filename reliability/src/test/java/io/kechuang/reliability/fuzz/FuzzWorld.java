package io.kechuang.reliability.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kechuang.events.taxonomy.PlatformOrganisation;
import io.kechuang.local.DemoUser;
import io.kechuang.events.Topics;
import io.kechuang.testing.security.DeadLetterFixtures;
import io.kechuang.testing.security.SecurityTable;
import io.kechuang.testing.security.SecuritySuite;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the fuzzed requests run against, made through the gateway before the run as the demo accounts of the local
 * platform would: the records each kind of fixture of the security tables names, with real ids.
 *
 * <ul>
 *   <li>achievements ({@link DemoUser#UNIVERSITY}) and demands ({@link DemoUser#ENTERPRISE}): {@code draft},
 *       {@code published} / {@code open};</li>
 *   <li>real matches, suggested by the matching service between achievements written to fit the enterprise's demands,
 *       moved through the broker workflow by {@link DemoUser#BROKER}: {@code match} (suggested), {@code match-assigned}
 *       (claimed), {@code match-introduced}, {@code match-negotiating};</li>
 *   <li>on the listings of those matches: {@code assigned} (shortlisted), {@code pending} (the broker asked for
 *       access), {@code granted}, {@code nda}, {@code introduced}, {@code introduced-nda};</li>
 *   <li>{@code resync-run} of each listing service; the gateway's {@code organisation}, {@code user},
 *       {@code broker-user}, {@code client}, {@code client-granted}.</li>
 * </ul>
 *
 * A fixture is a map of variables: {@code id} (and {@code achievementId}, {@code demandId}, {@code requestId},
 * {@code matchId}, {@code termsVersion} where they apply) that fill path parameters and body placeholders. Requests
 * change these records as they go (a draft is deleted, a match declined): later requests on them are then answered
 * 404 or 409 by the handlers, which is part of what is fuzzed.
 */
public final class FuzzWorld {

    /** The security tables' roles the local platform has an account for. */
    public static final Map<String, Optional<DemoUser>> ROLES = roles();
    private static final Pattern RECORD = Pattern.compile("^(/api/(?:achievements|demands|matches)/[0-9a-fA-F-]{36})");
    private static final String PASSWORD = "fuzz-suite-password-2026";
    /** Operations that change the caller's own account, sent as a user made for them ({@link #token(String, String)}). */
    static final java.util.Set<String> SELF_SERVICE = java.util.Set.of("PUT /auth/password");

    private final PlatformAccess platform;
    private final GatewayCalls calls;
    private final Map<String, SecurityTable> tables;
    private final Map<String, List<Map<String, String>>> fixtures = new LinkedHashMap<>();
    private final Map<String, String> vars = new LinkedHashMap<>();
    private final Map<String, String> etags = new ConcurrentHashMap<>();
    private final AtomicLong unique = new AtomicLong();
    private final String run;
    private String selfToken;
    private String selfUsername;
    private String selfId;
    private long selfSignedInAt;

    private FuzzWorld(PlatformAccess platform, HttpClient http, Map<String, SecurityTable> tables, long seed) {
        this.platform = platform;
        this.calls = new GatewayCalls(platform.gatewayUrl(), http);
        this.tables = tables;
        this.run = Long.toHexString(new Random(seed).nextLong() ^ System.nanoTime()).substring(0, 6);
    }

    private static Map<String, Optional<DemoUser>> roles() {
        Map<String, Optional<DemoUser>> r = new LinkedHashMap<>();
        r.put("none", Optional.empty());
        r.put("university", Optional.of(DemoUser.UNIVERSITY));
        r.put("enterprise", Optional.of(DemoUser.ENTERPRISE));
        r.put("broker", Optional.of(DemoUser.BROKER));
        r.put("broker-lead", Optional.of(DemoUser.BROKER_LEAD));
        r.put("partner", Optional.of(DemoUser.PARTNER));
        r.put("admin", Optional.of(DemoUser.ADMIN));
        return Map.copyOf(r);
    }

    /** Makes every fixture through the gateway; takes a minute or so (the matching service suggests in between). */
    public static FuzzWorld build(PlatformAccess platform, HttpClient http, Map<String, SecurityTable> tables,
            long seed) {
        FuzzWorld world = new FuzzWorld(platform, http, tables, seed);
        world.make();
        return world;
    }

    // ---------------------------------------------------------------------------------------------- for the generator

    /** The bearer token of a role ({@code null} for {@code none}). */
    public String token(String role) {
        return ROLES.get(role).map(platform::token).orElse(null);
    }

    /**
     * The bearer token for a request of {@code operation} as {@code role}. A password change goes out as a user of
     * its own ({@link #SELF_SERVICE}), never as a demo account: mutated bodies change or guess that account's
     * password, and whatever it locks or changes is nobody else's. API clients keep their own token (403).
     */
    public String token(String operation, String role) {
        if (SELF_SERVICE.contains(operation) && !role.equals("none") && !role.equals("partner")) {
            synchronized (this) {
                if (System.nanoTime() - selfSignedInAt > java.util.concurrent.TimeUnit.MINUTES.toNanos(10)) {
                    try {
                        signInSelf();
                    } catch (RuntimeException e) {
                        selfSignedInAt = System.nanoTime(); // keep the old token (401 once it expires) and go on
                    }
                }
                return selfToken;
            }
        }
        return token(role);
    }

    /**
     * Signs the self-service user in (tokens last 15 minutes, longer runs sign in again). The fuzzed changes may have
     * replaced or locked its password, so an admin sets it back first.
     */
    private void signInSelf() {
        calls.call("PUT", "/api/admin/users/" + selfId + "/password", platform.freshAdminToken(),
                Map.of("password", PASSWORD), 200);
        HttpResponse<String> signedIn = calls.send("POST", "/auth/token", null,
                "grant_type=password&username=" + selfUsername + "&password=" + PASSWORD,
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        if (signedIn.statusCode() != 200) {
            throw new IllegalStateException("the self-service user could not sign in: " + signedIn.body());
        }
        try {
            selfToken = GatewayCalls.JSON.readTree(signedIn.body()).path("access_token").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        selfSignedInAt = System.nanoTime();
    }

    /** A fresh administrator's token (for requests after which older tokens may no longer verify). */
    public String freshAdminToken() {
        return platform.freshAdminToken();
    }

    public boolean has(String service, String fixture) {
        return !fixtures.getOrDefault(service + "/" + fixture, List.of()).isEmpty();
    }

    /** One record of the kind, drawn with {@code random}. */
    public Map<String, String> fixture(String service, String fixture, Random random) {
        List<Map<String, String>> pool = fixtures.get(service + "/" + fixture);
        return pool.get(random.nextInt(pool.size()));
    }

    /** Placeholders of the body templates; {@code unique} is new at every call. */
    public Map<String, String> vars() {
        Map<String, String> v = new HashMap<>(vars);
        v.put("unique", run + "-" + unique.incrementAndGet());
        return v;
    }

    /** The organisation ids a valid {@code owner} or {@code organisationId} filter may name. */
    public List<String> organisations() {
        return List.of(DemoUser.UNIVERSITY.orgId(), DemoUser.ENTERPRISE.orgId(), DemoUser.BROKER.orgId(),
                vars.get("enterpriseOrg"));
    }

    /**
     * The current {@code If-Match} of the record {@code path} belongs to: the last ETag seen for it, or read now as
     * the administrator (a helper request, not counted).
     */
    public String ifMatch(String path) {
        Optional<String> record = record(path);
        if (record.isEmpty()) {
            return "\"1\"";
        }
        return etags.computeIfAbsent(record.get(), r -> {
            HttpResponse<String> read = calls.send("GET", r, token("admin"), null, Map.of());
            return read.headers().firstValue("ETag").orElse("\"1\"");
        });
    }

    /** Learns a record's version from an answer: its ETag, or forgets it after a 412. */
    public void observe(String path, int status, Optional<String> etag) {
        record(path).ifPresent(r -> {
            if (status == 412) {
                etags.remove(r);
            } else if (status < 300 && etag.isPresent()) {
                etags.put(r, etag.get());
            }
        });
    }

    private static Optional<String> record(String path) {
        Matcher m = RECORD.matcher(path);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** How many records of each kind were made. */
    public Map<String, Integer> sizes() {
        Map<String, Integer> s = new LinkedHashMap<>();
        fixtures.forEach((k, v) -> s.put(k, v.size()));
        return s;
    }

    // ------------------------------------------------------------------------------------------------ making them

    private void make() {
        LocalDate today = LocalDate.now(ZoneId.of(PlatformOrganisation.ZONE));
        vars.put("today", today.toString());
        vars.put("yesterday", today.minusDays(1).toString());
        vars.put("nextMonth", today.plusMonths(1).toString());
        vars.put("nextYear", today.plusYears(1).toString());
        vars.put("nextWeek", OffsetDateTime.now(ZoneOffset.UTC).plusDays(7).truncatedTo(ChronoUnit.SECONDS).toString());
        vars.put("broker", DemoUser.BROKER.subject());
        vars.put("brokerage", DemoUser.BROKER.orgId());
        vars.put("platform", PlatformOrganisation.ID.toString());
        vars.put("password", PASSWORD);
        // The admin's own-password row goes out as the self-service user too (token(operation, role)), whose
        // password this is; the platform's administrator keeps its own.
        vars.put("adminPassword", PASSWORD);
        makeGatewayRecords();
        makeListings();
        makeMatches();
        makeResyncRuns();
        makeImportJobs();
        makeDeadLetters();
    }

    private void add(String service, String fixture, Map<String, String> v) {
        fixtures.computeIfAbsent(service + "/" + fixture, k -> new ArrayList<>()).add(Map.copyOf(v));
    }

    private JsonNode template(String service, String name) {
        return tables.get(service).body(name);
    }

    private ObjectNode filled(String service, String name) {
        return (ObjectNode) SecuritySuite.fill(template(service, name), vars());
    }

    private void makeGatewayRecords() {
        String admin = token("admin");
        List<String> enterprises = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ObjectNode org = filled("gateway", "organisation");
            String id = calls.call("POST", "/api/admin/organisations", admin, org, 201).path("id").asText();
            enterprises.add(id);
            if (i > 0) {
                add("gateway", "organisation", Map.of("id", id));
            }
        }
        // The first stays enabled: users and clients are made in it (the table's ${enterpriseOrg}).
        vars.put("enterpriseOrg", enterprises.get(0));
        ObjectNode brokerage = filled("gateway", "organisation");
        brokerage.put("type", "BROKERAGE");
        String brokerageId = calls.call("POST", "/api/admin/organisations", admin, brokerage, 201).path("id").asText();
        for (int i = 0; i < 4; i++) {
            ObjectNode user = filled("gateway", "user");
            String id = calls.call("POST", "/api/admin/users", admin, user, 201).path("id").asText();
            if (i == 0) {
                vars.put("signInUser", user.path("username").asText()); // never disabled: the sign-in row's account
            } else {
                add("gateway", "user", Map.of("id", id));
            }
            ObjectNode broker = filled("gateway", "user");
            broker.put("organisationId", brokerageId);
            broker.set("roles", GatewayCalls.JSON.createArrayNode().add("BROKER"));
            add("gateway", "broker-user", Map.of("id",
                    calls.call("POST", "/api/admin/users", admin, broker, 201).path("id").asText()));
        }
        ObjectNode self = filled("gateway", "user");
        selfUsername = self.path("username").asText();
        selfId = calls.call("POST", "/api/admin/users", admin, self, 201).path("id").asText();
        signInSelf();
        for (int i = 0; i < 6; i++) {
            String id = calls.call("POST", "/api/admin/clients", admin, filled("gateway", "client"), 201)
                    .path("client").path("id").asText();
            if (i % 2 == 0) {
                add("gateway", "client", Map.of("id", id));
            } else {
                calls.call("PUT", "/api/admin/clients/" + id + "/write-grant", admin, null, 200);
                add("gateway", "client-granted", Map.of("id", id));
            }
        }
    }

    private void makeListings() {
        for (int i = 0; i < 4; i++) {
            add("achievement-service", "draft", Map.of("id", createAchievement(false, false).path("id").asText()));
            add("achievement-service", "published", Map.of("id", createAchievement(true, false).path("id").asText()));
            add("demand-service", "draft", Map.of("id", createDemand(false).path("id").asText()));
            add("demand-service", "open", Map.of("id", createDemand(true).path("id").asText()));
        }
    }

    private JsonNode createAchievement(boolean publish, boolean fitsTheDemands) {
        String university = token("university");
        ObjectNode body = filled("achievement-service", "achievement");
        if (fitsTheDemands) {
            // Written to fit the demand template, so the matching service suggests it for the enterprise's demands.
            JsonNode demand = template("demand-service", "demand");
            body.put("title", "动力电池健康状态(SOH)在线估计算法 " + vars().get("unique"));
            body.put("summary", demand.path("problemStatement").asText()
                    + "基于增量容量分析与卡尔曼滤波，在车规级MCU上在线估计电池健康状态，SOH估计误差≤3%。");
            body.set("keywords", demand.path("keywords").deepCopy());
            ((ArrayNode) body.path("keywords")).add("锂离子电池").add("电池管理系统");
            body.put("technicalField", demand.path("technicalField").asText());
            body.set("ipcCodes", demand.path("ipcCodes").deepCopy());
        }
        JsonNode created = calls.call("POST", "/api/achievements", university, body, 201);
        if (!publish) {
            return created;
        }
        return calls.call("POST", "/api/achievements/" + created.path("id").asText() + "/publish", university, null,
                200, Map.of("If-Match", GatewayCalls.ifMatch(created)));
    }

    private JsonNode createDemand(boolean open) {
        String enterprise = token("enterprise");
        JsonNode created = calls.call("POST", "/api/demands", enterprise, filled("demand-service", "demand"), 201);
        if (!open) {
            return created;
        }
        return calls.call("POST", "/api/demands/" + created.path("id").asText() + "/open", enterprise, null, 200,
                Map.of("If-Match", GatewayCalls.ifMatch(created)));
    }

    /** A match the matching service suggested between one of our achievements and one of our demands. */
    private record Pair(String matchId, String achievementId, String demandId) {
        Map<String, String> vars() {
            return Map.of("id", matchId, "matchId", matchId, "achievementId", achievementId, "demandId", demandId);
        }
    }

    private void makeMatches() {
        Set<String> achievements = new LinkedHashSet<>();
        for (int i = 0; i < 6; i++) {
            achievements.add(createAchievement(true, true).path("id").asText());
        }
        List<String> demands = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            demands.add(createDemand(true).path("id").asText());
        }
        List<Pair> pairs = awaitSuggestions(demands, achievements, 20, Duration.ofSeconds(90));
        // Each listing gets its consent fixtures from one match only, so the states do not mix.
        Set<String> used = new java.util.HashSet<>();
        List<Pair> free = new ArrayList<>(pairs);
        java.util.function.Supplier<Pair> disjoint = () -> {
            for (var it = free.iterator(); it.hasNext();) {
                Pair p = it.next();
                if (!used.contains(p.achievementId()) && !used.contains(p.demandId())) {
                    it.remove();
                    used.add(p.achievementId());
                    used.add(p.demandId());
                    return p;
                }
            }
            return free.remove(0);
        };
        String broker = token("broker");
        for (int i = 0; i < 3; i++) {
            add("matching-service", "match", free.remove(free.size() - 1).vars());
        }
        for (int i = 0; i < 3; i++) {
            Pair p = free.remove(free.size() - 1);
            calls.call("POST", "/api/matches/" + p.matchId() + "/claim", broker, null, 200);
            add("matching-service", "match-assigned", p.vars());
        }
        // Shortlisted and assigned: the listings' "assigned", "pending", "granted" and "nda".
        for (String kind : List.of("assigned", "pending", "granted", "nda")) {
            Pair p = disjoint.get();
            advance(p, "shortlist");
            if (kind.equals("assigned")) {
                add("matching-service", "match-assigned", p.vars());
            }
            awaitAssignment(p);
            for (String service : List.of("achievement-service", "demand-service")) {
                Map<String, String> v = listingVars(p, service);
                String collection = service.equals("achievement-service") ? "/api/achievements/" : "/api/demands/";
                String owner = token(service.equals("achievement-service") ? "university" : "enterprise");
                if (kind.equals("pending") || kind.equals("granted")) {
                    ObjectNode request = (ObjectNode) SecuritySuite.fill(template(service, "access-request"), merged(v));
                    String requestId = calls.call("POST", collection + v.get("id") + "/access-requests", broker,
                            request, 201).path("id").asText();
                    v.put("requestId", requestId);
                    if (kind.equals("granted")) {
                        calls.call("POST", collection + v.get("id") + "/access-requests/" + requestId + "/grant",
                                owner, null, 200);
                    }
                }
                if (kind.equals("nda")) {
                    v.put("termsVersion", calls.call("PUT", collection + v.get("id") + "/nda", owner,
                            SecuritySuite.fill(template(service, "nda"), vars()), 200).path("termsVersion").asText());
                }
                add(service, kind, v);
            }
        }
        for (String kind : List.of("introduced", "introduced-nda", "negotiating")) {
            Pair p = disjoint.get();
            advance(p, "shortlist");
            advance(p, "introduce");
            if (kind.equals("negotiating")) {
                advance(p, "negotiate");
                add("matching-service", "match-negotiating", p.vars());
                continue;
            }
            add("matching-service", "match-introduced", p.vars());
            awaitAssignment(p);
            for (String service : List.of("achievement-service", "demand-service")) {
                Map<String, String> v = listingVars(p, service);
                if (kind.equals("introduced-nda")) {
                    String collection = service.equals("achievement-service") ? "/api/achievements/" : "/api/demands/";
                    String owner = token(service.equals("achievement-service") ? "university" : "enterprise");
                    v.put("termsVersion", calls.call("PUT", collection + v.get("id") + "/nda", owner,
                            SecuritySuite.fill(template(service, "nda"), vars()), 200).path("termsVersion").asText());
                }
                add(service, kind, v);
            }
        }
    }

    private Map<String, String> merged(Map<String, String> fixture) {
        Map<String, String> v = vars();
        v.putAll(fixture);
        return v;
    }

    private static Map<String, String> listingVars(Pair p, String service) {
        Map<String, String> v = new HashMap<>();
        v.put("id", service.equals("achievement-service") ? p.achievementId() : p.demandId());
        v.put("matchId", p.matchId());
        return v;
    }

    /** The broker moves the match on ({@code shortlist}, {@code introduce}, {@code negotiate}); claims it first. */
    private JsonNode advance(Pair p, String action) {
        String broker = token("broker");
        JsonNode match = calls.call("GET", "/api/matches/" + p.matchId(), token("admin"), null, 200);
        if (match.path("broker").isNull() || match.path("broker").isMissingNode()
                || match.path("broker").asText().isEmpty()) {
            match = calls.call("POST", "/api/matches/" + p.matchId() + "/claim", broker, null, 200);
        }
        return calls.call("POST", "/api/matches/" + p.matchId() + "/" + action, broker,
                SecuritySuite.fill(template("matching-service", "transition"), vars()), 200,
                Map.of("If-Match", GatewayCalls.ifMatch(match)));
    }

    /** Waits until both listing services applied the match's assignment (the broker may read its NDA status). */
    private void awaitAssignment(Pair p) {
        String broker = token("broker");
        for (String path : List.of("/api/achievements/" + p.achievementId() + "/nda",
                "/api/demands/" + p.demandId() + "/nda")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (true) {
                int status = calls.send("GET", path, broker, null, Map.of()).statusCode();
                if (status == 200) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the match " + p.matchId() + " did not reach " + path
                            + " within 30 s (last status " + status + ")");
                }
                sleep(200);
            }
        }
    }

    private List<Pair> awaitSuggestions(List<String> demands, Set<String> achievements, int wanted,
            Duration timeout) {
        String enterprise = token("enterprise");
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Pair> pairs = new ArrayList<>();
        while (true) {
            pairs.clear();
            for (String demand : demands) {
                HttpResponse<String> r = calls.send("GET", "/api/matches/demands/" + demand + "/suggestions?size=100",
                        enterprise, null, Map.of());
                if (r.statusCode() == 404) {
                    continue; // the matching service has not seen the demand yet
                }
                JsonNode page = readJson(r);
                for (JsonNode m : page.path("items")) {
                    String achievement = m.path("achievement").path("id").asText();
                    if (achievements.contains(achievement) && m.path("status").asText().equals("SUGGESTED")) {
                        pairs.add(new Pair(m.path("id").asText(), achievement, demand));
                    }
                }
            }
            if (pairs.size() >= wanted) {
                return List.copyOf(pairs);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + pairs.size() + " of " + wanted
                        + " suggestions between the fuzz suite's achievements and demands after " + timeout);
            }
            sleep(500);
        }
    }

    private void makeResyncRuns() {
        String admin = token("admin");
        for (String[] s : new String[][] {{"achievement-service", "/api/achievements/resync"},
                {"demand-service", "/api/demands/resync"}}) {
            HttpResponse<String> r = calls.send("POST", s[1], admin, null, Map.of());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("fixture: POST " + s[1] + " answered " + r.statusCode() + ": "
                        + r.body());
            }
            try {
                add(s[0], "resync-run", Map.of("id", GatewayCalls.JSON.readTree(r.body()).path("id").asText()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** Finished import jobs of each listing service (their reports and rejected rows are read by the requests). */
    private void makeImportJobs() {
        for (String[] s : new String[][] {{"achievement-service", "/api/achievements", "university", "achievement-csv"},
                {"demand-service", "/api/demands", "enterprise", "demand-csv"}}) {
            for (int i = 0; i < 2; i++) {
                String csv = SecuritySuite.fill(template(s[0], s[3]), vars()).asText();
                // The second file also holds a row that is refused, so the rejected rows are not empty.
                if (i == 1) {
                    csv = csv + csv.lines().skip(1).findFirst().orElseThrow().replaceFirst("^[^,]*", "") + "\n";
                }
                JsonNode job = calls.call("POST", s[1] + "/import", token(s[2]), csv, 202,
                        Map.of("Content-Type", "text/csv"));
                add(s[0], "import-job", Map.of("id", job.path("id").asText()));
            }
        }
    }

    /**
     * Dead letters written to each service's dead-letter topic, as the consumers write them, around a record that
     * is not an event: a replay of one fails and changes nothing. Needs the Kafka broker's address.
     */
    private void makeDeadLetters() {
        Optional<String> kafka = platform.kafkaBootstrapServers();
        if (kafka.isEmpty()) {
            return; // the dead-letter operations then have no recipe, which the suite reports
        }
        for (String[] s : new String[][] {
                {"achievement-service", Topics.ACHIEVEMENT_SERVICE_DLQ_SPEC.name(), Topics.MATCHES,
                        "achievement-service-matches", "/api/achievements"},
                {"demand-service", Topics.DEMAND_SERVICE_DLQ_SPEC.name(), Topics.MATCHES, "demand-service-matches",
                        "/api/demands"},
                {"matching-service", Topics.MATCHING_DLQ_SPEC.name(), Topics.IDENTITY, "matching-identity",
                        "/api/matches"}}) {
            DeadLetterFixtures letters = new DeadLetterFixtures(kafka.get(), s[1], s[2], s[3], s[4]);
            for (int i = 0; i < 3; i++) {
                add(s[0], "dead-letter", letters.create("dead-letter").vars());
            }
        }
    }

    private static JsonNode readJson(HttpResponse<String> r) {
        if (r.statusCode() != 200) {
            throw new IllegalStateException("fixture: " + r.request().uri() + " answered " + r.statusCode() + ": "
                    + r.body());
        }
        try {
            return GatewayCalls.JSON.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package io.kechuang.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.kechuang.local.DemoData.Demand;
import io.kechuang.local.DemoData.Organisation;
import io.kechuang.local.DemoData.Paper;
import io.kechuang.local.DemoData.User;

/**
 * Loads {@link DemoData} into a running platform through the gateway's public API only, as the people it belongs
 * to would: the administrator registers the organisations (fixed ids) and their users through the admin API; each
 * university's first user creates and publishes its achievements; each enterprise's first user creates and opens
 * its demands. Then it waits until the matching service has indexed every demand and its suggestions have settled.
 *
 * <p>Idempotent: a second run creates nothing. Organisations (fixed ids) and users are looked up first; an
 * organisation's achievements and demands are listed first (by title); and creates carry a deterministic
 * {@code Idempotency-Key} ({@code demo-org-<key>},
 * {@code demo-achievement-csl-<row>}, {@code demo-demand-<key>}), so a run that was interrupted between a create
 * and its publication finishes the job instead of duplicating it. A listing its owner has since withdrawn or closed
 * is left alone.
 */
public final class DemoSeed {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration SETTLE_POLL = Duration.ofSeconds(1);
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(90);
    private static final int PAGE = 100;
    /** Parallel writers: enough to keep the services busy on two cores, few enough not to starve them. */
    private static final int WRITERS = 3;

    private final URI gateway;
    private final GatewayClient auth;
    private final DemoData data;
    private final Progress progress;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    DemoSeed(URI gateway, DemoData data, Progress progress) {
        this.gateway = gateway;
        this.auth = new GatewayClient(gateway);
        this.data = data;
        this.progress = progress;
    }

    /**
     * What a run did, and what the matching service made of it.
     *
     * @param demandIds            every demand's id, by its key in demands.json
     * @param suggestionsByDemand  live suggestions of each demand once matching has settled
     */
    public record Report(int organisationsCreated, int usersCreated, int achievements, int achievementsCreated,
            int achievementsPublished, int demands, int demandsCreated, int demandsOpened,
            Map<String, String> demandIds, Map<String, Long> suggestionsByDemand, long openMatches, double seconds) {

        public long suggestions() {
            return suggestionsByDemand.values().stream().mapToLong(Long::longValue).sum();
        }

        public long demandsWithSuggestions() {
            return suggestionsByDemand.values().stream().filter(n -> n > 0).count();
        }

        /** A demand to show in the summary: the first with suggestions. */
        public Optional<String> exampleDemandId() {
            return suggestionsByDemand.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey)
                    .findFirst().map(demandIds::get);
        }
    }

    /** Loads everything that is missing; {@code adminToken} is the gateway administrator's. */
    Report load(String adminToken) {
        long t0 = System.nanoTime();
        progress.info("Loading the demo data through the gateway (" + data.organisations().size() + " organisations, "
                + data.papers().size() + " achievements, " + data.demands().size() + " demands) ...");
        int[] orgsAndUsers = registerOrganisations(adminToken);

        Map<String, List<Paper>> papersByOwner = new LinkedHashMap<>();
        data.papers().forEach(p -> papersByOwner.computeIfAbsent(p.owner(), k -> new ArrayList<>()).add(p));
        AtomicInteger achievementsDone = new AtomicInteger();
        Counts achievements = new Counts();
        inParallel(papersByOwner.entrySet().stream().map(e -> (Runnable) () -> achievementsOf(
                data.organisation(e.getKey()), e.getValue(), achievements,
                step(achievementsDone, data.papers().size(), "achievements"))).toList());

        Map<String, List<Demand>> demandsByOwner = new LinkedHashMap<>();
        data.demands().forEach(d -> demandsByOwner.computeIfAbsent(d.owner(), k -> new ArrayList<>()).add(d));
        AtomicInteger demandsDone = new AtomicInteger();
        Counts demands = new Counts();
        Map<String, String> demandIds = new ConcurrentHashMap<>();
        inParallel(demandsByOwner.entrySet().stream().map(e -> (Runnable) () -> demandsOf(
                data.organisation(e.getKey()), e.getValue(), demands, demandIds,
                step(demandsDone, data.demands().size(), "demands"))).toList());

        Map<String, String> orderedIds = new LinkedHashMap<>();
        data.demands().forEach(d -> orderedIds.put(d.key(), demandIds.get(d.key())));
        progress.info("  demo: waiting for the matching service to index and match ...");
        Settled settled = awaitSuggestions(orderedIds);
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Report(orgsAndUsers[0], orgsAndUsers[1], data.papers().size(), achievements.created.get(),
                achievements.published.get(), data.demands().size(), demands.created.get(), demands.published.get(),
                orderedIds, settled.byDemand(), settled.openMatches(), seconds);
    }

    private static final class Counts {
        final AtomicInteger created = new AtomicInteger();
        final AtomicInteger published = new AtomicInteger();
    }

    /** Prints "demo: 120/240 achievements" now and then, and at the end. */
    private Runnable step(AtomicInteger done, int total, String what) {
        int every = Math.max(1, Math.min(40, total / 4));
        return () -> {
            int n = done.incrementAndGet();
            if (n % every == 0 || n == total) {
                progress.info(String.format("  demo: %d/%d %s", n, total, what));
            }
        };
    }

    // ------------------------------------------------------------------------------------------ organisations

    /**
     * Registers the organisations and their users that do not exist yet (looked up by fixed id, and by username
     * within the organisation); returns how many of each were new.
     */
    private int[] registerOrganisations(String adminToken) {
        AtomicInteger orgs = new AtomicInteger();
        AtomicInteger users = new AtomicInteger();
        inParallel(data.organisations().stream().map(o -> (Runnable) () -> register(o, adminToken, orgs, users))
                .toList());
        progress.info(String.format("  demo: %d organisations, %d users (%d and %d new)",
                data.organisations().size(), data.organisations().stream().mapToInt(o -> o.users().size()).sum(),
                orgs.get(), users.get()));
        return new int[] {orgs.get(), users.get()};
    }

    private void register(Organisation o, String adminToken, AtomicInteger orgs, AtomicInteger users) {
        Answer known = send("GET", "/api/admin/organisations/" + o.id(), adminToken, null, null);
        if (known.status() == 404) {
            ObjectNode body = json.createObjectNode().put("id", o.id()).put("name", o.name())
                    .put("type", o.type()).put("regionCode", o.regionCode()).put("creditCode", o.creditCode());
            send("POST", "/api/admin/organisations", adminToken, body, "demo-org-" + o.key())
                    .expect("register organisation " + o.name(), 201);
            orgs.incrementAndGet();
        } else {
            known.expect("look up organisation " + o.name(), 200);
        }
        Map<String, JsonNode> existing = new HashMap<>();
        send("GET", "/api/admin/users?organisationId=" + o.id() + "&size=100", adminToken, null, null)
                .expect("list users of " + o.name(), 200).body().path("items")
                .forEach(u -> existing.put(u.path("username").asText(), u));
        for (User u : o.users()) {
            JsonNode account = existing.get(u.username());
            if (account != null) {
                if (u.lead() && !account.path("lead").asBoolean()) { // made before the demo data had leads
                    send("PUT", "/api/admin/users/" + account.path("id").asText() + "/lead", adminToken,
                            json.createObjectNode().put("lead", true), null).expect("make " + u.username() + " lead", 200);
                }
                continue;
            }
            ObjectNode user = json.createObjectNode().put("username", u.username())
                    .put("displayName", u.displayName()).put("password", DemoUser.DEMO_PASSWORD)
                    .put("organisationId", o.id()).put("lead", u.lead());
            user.putArray("roles").add(o.role());
            Answer answer = send("POST", "/api/admin/users", adminToken, user, null);
            if (answer.status() != 409) { // 409: the username is taken in another organisation; left alone
                answer.expect("create user " + u.username(), 201);
                users.incrementAndGet();
            }
        }
    }

    // ------------------------------------------------------------------------------------------ listings

    private void achievementsOf(Organisation owner, List<Paper> papers, Counts counts, Runnable step) {
        String token = tokenOf(owner);
        Map<String, Existing> existing = existing("/api/achievements", owner, token);
        for (Paper paper : papers) {
            String title = DemoData.achievementRequest(paper, owner).path("title").asText();
            Existing found = existing.get(title);
            if (found == null) {
                Answer answer = send("POST", "/api/achievements", token, DemoData.achievementRequest(paper, owner),
                        "demo-achievement-csl-" + paper.csl());
                answer.expect("create achievement " + title, 201);
                found = new Existing(answer.body().path("id").asText(), answer.body().path("status").asText());
                counts.created.incrementAndGet();
            }
            if (found.status().equals("DRAFT")) {
                send("POST", "/api/achievements/" + found.id() + "/publish", token, null, null)
                        .expect("publish achievement " + title, 200);
                counts.published.incrementAndGet();
            }
            step.run();
        }
    }

    private void demandsOf(Organisation owner, List<Demand> demands, Counts counts, Map<String, String> ids,
            Runnable step) {
        String token = tokenOf(owner);
        Map<String, Existing> existing = existing("/api/demands", owner, token);
        for (Demand demand : demands) {
            Existing found = existing.get(demand.title());
            if (found == null) {
                Answer answer = send("POST", "/api/demands", token, demand.request(), "demo-demand-" + demand.key());
                answer.expect("create demand " + demand.title(), 201);
                found = new Existing(answer.body().path("id").asText(), answer.body().path("status").asText());
                counts.created.incrementAndGet();
            }
            if (found.status().equals("DRAFT")) {
                send("POST", "/api/demands/" + found.id() + "/open", token, null, null)
                        .expect("open demand " + demand.title(), 200);
                counts.published.incrementAndGet();
            }
            ids.put(demand.key(), found.id());
            step.run();
        }
    }

    private record Existing(String id, String status) {
    }

    /** The owner's listings by title, drafts included (the owner sees them). */
    private Map<String, Existing> existing(String path, Organisation owner, String token) {
        Map<String, Existing> byTitle = new HashMap<>();
        for (int page = 0;; page++) {
            JsonNode answer = send("GET", path + "?owner=" + owner.id() + "&size=" + PAGE + "&page=" + page, token,
                    null, null).expect("list " + path + " of " + owner.name(), 200).body();
            answer.path("items").forEach(i -> byTitle.putIfAbsent(i.path("title").asText(),
                    new Existing(i.path("id").asText(), i.path("status").asText())));
            if (page + 1 >= answer.path("totalPages").asInt()) {
                return byTitle;
            }
        }
    }

    private String tokenOf(Organisation org) {
        User user = org.firstUser();
        return tokens.computeIfAbsent(user.username(),
                u -> auth.passwordToken(u, DemoUser.DEMO_PASSWORD).accessToken());
    }

    private void inParallel(List<Runnable> tasks) {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS, r -> Thread.ofPlatform().daemon()
                .name("demo-seed").unstarted(r));
        try {
            List<Future<?>> running = tasks.stream().<Future<?>>map(pool::submit).toList();
            for (Future<?> f : running) {
                f.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the demo data", e);
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------------------------------ matching

    private record Settled(Map<String, Long> byDemand, long openMatches) {
    }

    /**
     * Waits until the matching service knows every demand and the number of open matches has stopped changing, as a
     * broker sees it; then counts each demand's suggestions. Gives up waiting after {@link #SETTLE_LIMIT} (the
     * counts are then what they are).
     */
    private Settled awaitSuggestions(Map<String, String> demandIds) {
        Organisation brokerage = data.firstOfType("BROKERAGE")
                .orElseThrow(() -> new IllegalStateException("the demo data has no brokerage"));
        String broker = tokenOf(brokerage);
        long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
        long previous = -1;
        int stableRounds = 0;
        while (System.nanoTime() < deadline && stableRounds < 2) {
            sleep(SETTLE_POLL);
            long open = openMatches(broker);
            stableRounds = open == previous ? stableRounds + 1 : 0;
            previous = open;
        }
        while (true) {
            Map<String, Long> counts = new LinkedHashMap<>();
            boolean allIndexed = true;
            for (Map.Entry<String, String> e : demandIds.entrySet()) {
                Answer answer = send("GET", "/api/matches/demands/" + e.getValue() + "/suggestions?size=1", broker,
                        null, null);
                if (answer.status() == 404) {
                    allIndexed = false;
                    counts.put(e.getKey(), 0L);
                } else {
                    counts.put(e.getKey(), answer.expect("suggestions", 200).body().path("total").asLong());
                }
            }
            if (allIndexed || System.nanoTime() >= deadline) {
                return new Settled(counts, openMatches(broker));
            }
            sleep(SETTLE_POLL);
        }
    }

    private long openMatches(String brokerToken) {
        return send("GET", "/api/matches/queue?size=1", brokerToken, null, null).expect("broker queue", 200).body()
                .path("total").asLong();
    }

    // ------------------------------------------------------------------------------------------ HTTP

    private record Answer(int status, JsonNode body, String raw, String what) {
        Answer expect(String action, int... statuses) {
            for (int s : statuses) {
                if (status == s) {
                    return this;
                }
            }
            throw new GatewayClient.GatewayException(action + " failed: " + what + " answered HTTP " + status + " "
                    + (raw.length() > 500 ? raw.substring(0, 500) + "…" : raw), status);
        }
    }

    /** One call through the gateway; a 429 waits for its Retry-After and tries again. */
    private Answer send(String method, String path, String token, JsonNode body, String idempotencyKey) {
        for (int attempt = 1;; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path)).timeout(TIMEOUT)
                    .header("Accept", "application/json").header("Authorization", "Bearer " + token)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(method + " " + path + ": the gateway at " + gateway + " did not answer", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (response.statusCode() == 429 && attempt < 5) {
                long wait = response.headers().firstValueAsLong("Retry-After").orElse(5);
                progress.info("  demo: rate-limited on " + path + ", waiting " + wait + " s");
                sleep(Duration.ofSeconds(Math.min(wait, 60)));
                continue;
            }
            String raw = response.body() == null ? "" : response.body();
            JsonNode parsed;
            try {
                parsed = raw.isBlank() ? json.createObjectNode() : json.readTree(raw);
            } catch (IOException e) {
                parsed = json.createObjectNode();
            }
            return new Answer(response.statusCode(), parsed, raw, method + " " + path);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

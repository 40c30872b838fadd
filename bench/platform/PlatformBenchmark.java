import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kechuang.corpus.CslCorpus;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * End-to-end matching latency of a running platform, measured through its gateway only: seeds published
 * achievements from the CSL papers as the demo university, then, one demand at a time as the demo enterprise,
 * creates a demand, opens it, and polls its suggestions until the first one is readable. The clock starts when
 * the open request is sent: from there the demand service commits the state change and the outbox row, the relay
 * publishes to Kafka, the matching service indexes, matches and stores the suggestion, and the API serves it.
 *
 * <p>Run by {@code bench/platform/run}, with the classpath of libs/csl-corpus (for the CSL corpus and Jackson):
 * {@code java -cp <cp> bench/platform/PlatformBenchmark.java <gateway> <achievements> <demands> <warm-up>}.
 * Prints one line of figures per phase and the id of one seeded achievement (for the gateway-overhead run).
 */
public final class PlatformBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String PASSWORD = "kechuang-local-demo";
    private static final String[] REGIONS = {"510100", "510100", "510100", "510700", "500000", "110000", "440300"};

    private final URI gateway;

    private PlatformBenchmark(URI gateway) {
        this.gateway = gateway;
    }

    public static void main(String[] args) throws Exception {
        URI gateway = URI.create(args[0]);
        int achievements = Integer.parseInt(args[1]);
        int demands = Integer.parseInt(args[2]);
        int warmUp = Integer.parseInt(args[3]);
        new PlatformBenchmark(gateway).run(achievements, demands, warmUp);
    }

    private void run(int achievementCount, int demandCount, int warmUp) throws Exception {
        List<CslCorpus.Paper> papers = CslCorpus.papers();
        if (achievementCount > papers.size()) {
            throw new IllegalArgumentException("at most " + papers.size() + " achievements (one per CSL paper)");
        }
        String university = token("demo-university");
        String enterprise = token("demo-enterprise");

        // Seed: create and publish, 4 at a time (the API, not the benchmark, is the bottleneck here).
        long seedStart = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        List<String> ids = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < achievementCount; i++) {
                CslCorpus.Paper paper = papers.get(i);
                int n = i;
                futures.add(pool.submit(() -> {
                    String id = publishAchievement(university, paper, n);
                    int d = done.incrementAndGet();
                    if (d % 250 == 0) {
                        System.err.printf("seeded %d/%d achievements%n", d, achievementCount);
                    }
                    return id;
                }));
            }
            for (Future<String> f : futures) {
                ids.add(f.get());
            }
        }
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        System.out.printf("seed: %d achievements created and published through the gateway in %.1f s (%.0f/s, 4 clients)%n",
                achievementCount, seedSeconds, achievementCount / seedSeconds);
        awaitSearchable(enterprise, papers.get(achievementCount - 1).title());
        System.out.printf("achievement.id=%s%n", ids.getFirst());

        // Demands: one at a time, each written the way an enterprise would describe the problem one paper solves.
        Random random = new Random(42);
        List<Long> latencies = new ArrayList<>();
        int withoutSuggestion = 0;
        for (int i = 0; i < warmUp + demandCount; i++) {
            CslCorpus.Paper paper = papers.get(random.nextInt(achievementCount));
            String id = createDemand(enterprise, paper, i);
            long start = System.nanoTime();
            HttpResponse<String> opened = send(post("/api/demands/" + id + "/open", enterprise, null));
            check(opened, 200);
            long nanos = awaitFirstSuggestion(enterprise, id, start, Duration.ofSeconds(10));
            if (nanos < 0) {
                withoutSuggestion++;
            } else if (i >= warmUp) {
                latencies.add(nanos);
            }
        }
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("e2e: %d demands (after %d warm-up): open → first suggestion readable p50 %.1f ms, p90 %.1f ms,"
                + " p99 %.1f ms, max %.1f ms; %d demands got no suggestion within 10 s%n", sorted.length, warmUp,
                pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted[sorted.length - 1] / 1e6, withoutSuggestion);
    }

    private static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private String publishAchievement(String token, CslCorpus.Paper paper, int n) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("title", paper.title());
        body.put("summary", paper.abstractText());
        keywords(body, paper);
        body.put("technicalField", CslCorpus.technicalFieldOf(paper.discipline()));
        body.put("ipType", n % 5 == 0 ? "SOFTWARE_COPYRIGHT" : "INVENTION_PATENT");
        body.put("trl", 3 + n % 6);
        body.put("stage", List.of("LAB", "PROTOTYPE", "PILOT", "SMALL_BATCH").get(n % 4));
        body.putArray("cooperationModes").add("LICENCE").add(n % 2 == 0 ? "TRANSFER" : "JOINT_DEVELOPMENT");
        body.putObject("askingPrice").put("amount", 100_000 + (n % 20) * 50_000).put("currency", "CNY");
        body.put("priceNegotiable", true);
        body.putObject("contact").put("person", "技术转移中心").put("email", "ttc@example.edu.cn");
        body.put("region", REGIONS[n % REGIONS.length]);
        body.put("language", "zh");
        body.put("expiresOn", "2028-12-31");
        HttpResponse<String> created = send(post("/api/achievements", token, body));
        check(created, 201);
        String id = JSON.readTree(created.body()).get("id").asText();
        check(send(post("/api/achievements/" + id + "/publish", token, null)), 200);
        return id;
    }

    private String createDemand(String token, CslCorpus.Paper paper, int n) throws Exception {
        String firstSentence = paper.abstractText().split("[。；;.]")[0];
        ObjectNode body = JSON.createObjectNode();
        body.put("title", "寻求" + String.join("、", paper.keywords().stream().filter(k -> k.length() <= 40).limit(2).toList())
                + "方面的技术合作");
        body.put("problemStatement", "我公司在产品研发中遇到如下问题：" + firstSentence + "。希望与高校或科研院所合作解决。");
        body.putArray("technicalIndicators").add("关键性能指标较现有方案提升20%以上");
        body.put("confidentialDetails", "项目预算已立项，可提供现场测试条件。");
        body.putObject("contact").put("person", "研发中心").put("phone", "028-86000000");
        keywords(body, paper);
        body.put("technicalField", CslCorpus.technicalFieldOf(paper.discipline()));
        body.putObject("budget").put("min", 200_000).put("max", 1_000_000).put("currency", "CNY");
        body.put("deadline", "2027-12-31");
        body.putArray("cooperationModes").add("LICENCE").add("JOINT_DEVELOPMENT");
        body.put("minTrl", 3);
        body.put("region", "510100");
        body.put("language", "zh");
        HttpResponse<String> created = send(post("/api/demands", token, body));
        check(created, 201);
        return JSON.readTree(created.body()).get("id").asText();
    }

    private static void keywords(ObjectNode body, CslCorpus.Paper paper) {
        ArrayNode keywords = body.putArray("keywords");
        // The APIs take at most 20 keywords of at most 40 characters; a few CSL keywords are longer.
        paper.keywords().stream().filter(k -> !k.isBlank() && k.length() <= 40).limit(10).forEach(keywords::add);
    }

    /** Nanoseconds from {@code start} until the demand's first suggestion is readable, or -1 after the timeout. */
    private long awaitFirstSuggestion(String token, String demandId, long start, Duration timeout) throws Exception {
        long deadline = start + timeout.toNanos();
        HttpRequest request = get("/api/matches/demands/" + demandId + "/suggestions?size=1", token);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> page = send(request);
            if (page.statusCode() == 200 && JSON.readTree(page.body()).path("total").asLong() > 0) {
                return System.nanoTime() - start;
            }
            Thread.sleep(2);
        }
        return -1;
    }

    /** Waits until the last seeded achievement is searchable, i.e. the matching index has caught up. */
    private void awaitSearchable(String token, String title) throws Exception {
        String q = URLEncoder.encode(title.length() > 60 ? title.substring(0, 60) : title, StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> hits = send(get("/api/search?type=ACHIEVEMENT&size=5&q=" + q, token));
            if (hits.statusCode() == 200 && hits.body().contains(title.replace("\"", "\\\""))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the matching index did not catch up within 5 minutes");
    }

    private String token(String user) throws Exception {
        String form = "grant_type=password&username=" + user + "&password=" + PASSWORD;
        HttpResponse<String> response = send(HttpRequest.newBuilder(gateway.resolve("/auth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        check(response, 200);
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    private HttpRequest post(String path, String token, JsonNode body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(gateway.resolve(path)).header("Authorization", "Bearer " + token);
        if (body == null) {
            return b.POST(HttpRequest.BodyPublishers.noBody()).build();
        }
        return b.header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
    }

    private HttpRequest get(String path, String token) {
        return HttpRequest.newBuilder(gateway.resolve(path)).header("Authorization", "Bearer " + token).GET().build();
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void check(HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
    }
}

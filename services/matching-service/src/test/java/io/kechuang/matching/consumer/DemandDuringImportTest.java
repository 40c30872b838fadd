package io.kechuang.matching.consumer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.corpus.CslCorpus;
import io.kechuang.events.achievement.AchievementState;
import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.achievement.IpType;
import io.kechuang.events.achievement.MaturityStage;
import io.kechuang.events.demand.Budget;
import io.kechuang.events.demand.DemandState;
import io.kechuang.events.demand.DemandStatus;
import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.events.taxonomy.Money;
import io.kechuang.events.taxonomy.TechnicalField;
import io.kechuang.matching.Events;
import io.kechuang.matching.MatchingEngine;
import io.kechuang.matching.index.MatchIndex;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.awaitility.core.ConditionTimeoutException;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 27: a demand opened while a bulk import's achievements are being indexed gets its first suggestion within
 * the target (p99 ≤ 2 s), with the hybrid matching on (the real bge-small-zh model, as everywhere in the tests). The
 * service gets topics of its own, so the 5,000 achievements stay out of the other tests' market. A small market is
 * indexed first, so that every demand has something to match; then 5,000 achievements with real CSL text, no two
 * alike, are published at once, as a 5,000-row import publishes them, and a demand is opened every 3 s while they
 * are consumed (60 at most, then the test waits for the backlog to drain). Each demand's wait is from its event being
 * on the topic to its first suggestion row being visible.
 */
@QuarkusTest
@TestProfile(DemandDuringImportTest.OwnTopics.class)
// On demand (it indexes 5,000 achievements: 10 minutes and more on two cores), like the benchmarks:
//   mvn -pl services/matching-service verify -Dtest=DemandDuringImportTest -Dkechuang.test.backlog=true
@EnabledIfSystemProperty(named = "kechuang.test.backlog", matches = "true")
class DemandDuringImportTest {

    private static final String ACHIEVEMENTS = "achievements.import-test";
    private static final String DEMANDS = "demands.import-test";
    /** Achievements on the market before the import: the papers the demands are written from. */
    private static final int MARKET = 100;
    private static final int IMPORTED = 5_000;
    private static final Duration OPEN_EVERY = Duration.ofSeconds(3);
    private static final int MAX_DEMANDS = 60;
    /**
     * The target is 2 s at p99. The bound adds room for a loaded 2-core CI machine; before the fix, demands
     * waited behind the backlog for tens of seconds to minutes (see the README, "Matching during a bulk import").
     */
    private static final long P99_BOUND_MILLIS = 4_000;
    /** How long the test waits for the backlog to drain; {@code -Dkechuang.test.import-drain-limit=PT5M} to cut it. */
    private static final Duration DRAIN_LIMIT = Duration.parse(System.getProperty("kechuang.test.import-drain-limit",
            "PT30M"));
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[。！？])");

    public static final class OwnTopics implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kechuang.matching.achievements-topic", ACHIEVEMENTS,
                    "kechuang.matching.demands-topic", DEMANDS);
        }
    }

    @Inject
    MatchingEngine engine;

    @Inject
    MatchIndex index;

    @Inject
    DataSource dataSource;

    private final UUID university = UUID.randomUUID();
    private final UUID enterprise = UUID.randomUUID();
    private Events events;

    @BeforeEach
    void topics() throws Exception {
        String kafka = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            for (String topic : List.of(ACHIEVEMENTS, DEMANDS)) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
        events = new Events(kafka, ACHIEVEMENTS, DEMANDS);
        await().atMost(Duration.ofSeconds(60)).until(() -> engine.consumer().assigned());
    }

    @AfterEach
    void close() {
        events.close();
    }

    @Test
    void aDemandOpenedDuringAnImportOfFiveThousandAchievementsIsSuggestedWithinTwoSeconds() throws Exception {
        List<CslCorpus.Paper> papers = CslCorpus.papers();
        List<AchievementState> all = achievements(papers, MARKET + IMPORTED);
        assertEquals(MARKET + IMPORTED, all.stream().map(a -> a.title() + "\n" + a.summary()).distinct().count(),
                "no two achievements alike");

        Map<Integer, RecordMetadata> marketEnds = new HashMap<>();
        for (AchievementState a : all.subList(0, MARKET)) {
            RecordMetadata m = events.publish(a);
            marketEnds.put(m.partition(), m);
        }
        awaitIndexed(marketEnds.values(), Duration.ofMinutes(3));
        System.out.printf("Market of %d achievements indexed; importing %d%n", MARKET, IMPORTED);

        long importStart = System.nanoTime();
        List<Future<RecordMetadata>> sent = new ArrayList<>(IMPORTED);
        for (AchievementState a : all.subList(MARKET, MARKET + IMPORTED)) {
            sent.add(events.publishAsync(a));
        }
        Map<Integer, RecordMetadata> importEnds = new HashMap<>();
        for (Future<RecordMetadata> f : sent) {
            RecordMetadata m = f.get(60, TimeUnit.SECONDS);
            importEnds.merge(m.partition(), m, (x, y) -> x.offset() >= y.offset() ? x : y);
        }
        long publishedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - importStart);

        // A demand every 3 s, each written from a paper of the market, until the backlog is drained or 60 are open.
        Map<UUID, Long> opened = new ConcurrentHashMap<>();
        Map<UUID, Long> waited = new ConcurrentHashMap<>();
        Thread watcher = Thread.ofPlatform().name("first-suggestion-watcher").start(() -> watch(opened, waited));
        long drainedAt = 0;
        int demands = 0;
        try {
            while (System.nanoTime() - importStart < DRAIN_LIMIT.toNanos()) {
                if (drainedAt == 0 && indexed(importEnds.values())) {
                    drainedAt = System.nanoTime();
                }
                if (drainedAt != 0 || demands >= MAX_DEMANDS) {
                    break;
                }
                CslCorpus.Paper paper = papers.get(demands % MARKET);
                DemandState d = demand(paper);
                events.publish(d);
                opened.put(d.id(), System.nanoTime());
                demands++;
                Thread.sleep(OPEN_EVERY.toMillis());
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                    .until(() -> waited.size() == opened.size());
        } catch (ConditionTimeoutException e) {
            // Reported below: a demand still waiting counts with its wait so far.
        } finally {
            watcher.interrupt();
            watcher.join();
        }
        long now = System.nanoTime();
        while (drainedAt == 0 && System.nanoTime() - importStart < DRAIN_LIMIT.toNanos()) {
            if (indexed(importEnds.values())) {
                drainedAt = System.nanoTime();
            } else {
                Thread.sleep(200);
            }
        }
        List<Long> millis = opened.entrySet().stream()
                .map(e -> waited.getOrDefault(e.getKey(), TimeUnit.NANOSECONDS.toMillis(now - e.getValue())))
                .sorted().toList();
        long p50 = percentile(millis, 50);
        long p99 = percentile(millis, 99);
        String drain = drainedAt == 0 ? "not drained within " + DRAIN_LIMIT + " (" + (index.numDocs() - MARKET
                - opened.size()) + " of them indexed)"
                : "indexed and matched in " + TimeUnit.NANOSECONDS.toMillis(drainedAt - importStart) + " ms ("
                        + IMPORTED * 1_000_000_000L / (drainedAt - importStart) + "/s)";
        System.out.printf("Import of %d achievements: published in %d ms, %s; %d demands opened meanwhile (%d still "
                + "without a suggestion), open -> first suggestion p50 %d ms, p99 %d ms, max %d ms%n", IMPORTED,
                publishedMillis, drain, millis.size(), millis.size() - waited.size(), p50, p99, millis.getLast());
        assertTrue(drainedAt != 0, "the import's backlog was not drained within " + DRAIN_LIMIT);
        assertTrue(millis.size() >= 10, "only " + millis.size() + " demands opened during the import");
        assertTrue(p99 <= P99_BOUND_MILLIS, "open -> first suggestion p99 " + p99 + " ms during the import");
    }

    /** Until interrupted: notes when each opened demand's first suggestion row becomes visible. */
    private void watch(Map<UUID, Long> opened, Map<UUID, Long> waited) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement(
                        "SELECT DISTINCT demand_id FROM match_suggestion WHERE demand_id = ANY (?)")) {
            while (!Thread.currentThread().isInterrupted()) {
                Set<UUID> pending = new HashSet<>(opened.keySet());
                pending.removeAll(waited.keySet());
                if (!pending.isEmpty()) {
                    q.setArray(1, c.createArrayOf("uuid", pending.toArray()));
                    try (ResultSet rows = q.executeQuery()) {
                        long now = System.nanoTime();
                        while (rows.next()) {
                            UUID id = rows.getObject(1, UUID.class);
                            waited.put(id, TimeUnit.NANOSECONDS.toMillis(now - opened.get(id)));
                        }
                    }
                }
                Thread.sleep(25);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the suggestions", e);
        }
    }

    private boolean indexed(Iterable<RecordMetadata> lastOfEachPartition) throws InterruptedException {
        for (RecordMetadata m : lastOfEachPartition) {
            if (!engine.consumer().awaitIndexed(m.topic(), m.partition(), m.offset(), Duration.ZERO)) {
                return false;
            }
        }
        return true;
    }

    private void awaitIndexed(Iterable<RecordMetadata> lastOfEachPartition, Duration timeout) throws Exception {
        for (RecordMetadata m : lastOfEachPartition) {
            assertTrue(engine.consumer().awaitIndexed(m.topic(), m.partition(), m.offset(), timeout),
                    "not indexed: " + m);
        }
    }

    private static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /**
     * {@code count} achievements from the CSL papers: each paper's own title and abstract first; then, while more are
     * needed, each paper again with one sentence of its abstract swapped for one of the next paper of its discipline
     * (round 1), or its first sentence dropped and the previous paper's last sentence added (round 2). Real text, no
     * two alike.
     */
    private List<AchievementState> achievements(List<CslCorpus.Paper> papers, int count) {
        Map<String, List<Integer>> byDiscipline = new HashMap<>();
        for (int i = 0; i < papers.size(); i++) {
            byDiscipline.computeIfAbsent(papers.get(i).discipline(), d -> new ArrayList<>()).add(i);
        }
        List<AchievementState> out = new ArrayList<>(count);
        for (int round = 0; out.size() < count; round++) {
            for (int i = 0; i < papers.size() && out.size() < count; i++) {
                CslCorpus.Paper p = papers.get(i);
                List<Integer> peers = byDiscipline.get(p.discipline());
                int at = peers.indexOf(i);
                List<String> own = sentences(p);
                List<String> text = new ArrayList<>(own);
                String title = p.title();
                if (round == 1) {
                    List<String> next = sentences(papers.get(peers.get((at + 1) % peers.size())));
                    text.set(text.size() - 1, next.getFirst());
                    title = p.title() + "及其应用";
                } else if (round == 2) {
                    List<String> previous = sentences(papers.get(peers.get((at + peers.size() - 1) % peers.size())));
                    text.removeFirst();
                    text.add(previous.getLast());
                    title = p.title() + "的工程化";
                } else if (round > 2) {
                    throw new IllegalStateException("the corpus gives no more than three achievements a paper");
                }
                out.add(achievement(p, title, String.join("", text)));
            }
        }
        return out;
    }

    private static List<String> sentences(CslCorpus.Paper p) {
        List<String> out = new ArrayList<>();
        for (String s : SENTENCE_END.split(p.abstractText())) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out.isEmpty() ? List.of(p.abstractText()) : out;
    }

    private AchievementState achievement(CslCorpus.Paper p, String title, String summary) {
        return new AchievementState(UUID.randomUUID(), university, AchievementStatus.PUBLISHED, 1, title, summary,
                null, p.keywords(), field(p), List.of(), IpType.INVENTION_PATENT, List.of(), 6,
                MaturityStage.PILOT, Set.of(CooperationMode.LICENCE, CooperationMode.TRANSFER),
                new Money(new BigDecimal("500000"), "CNY"), true, List.of(), List.of(), "510100", "zh",
                LocalDate.now().plusYears(1), OffsetDateTime.now(), OffsetDateTime.now());
    }

    /** A demand for what the paper solves: its first sentence as the problem, its keywords as the needs. */
    private DemandState demand(CslCorpus.Paper p) {
        String keyword = p.keywords().isEmpty() ? p.title() : p.keywords().getFirst();
        return new DemandState(UUID.randomUUID(), enterprise, DemandStatus.OPEN, 1, "征集：" + keyword,
                sentences(p).getFirst(), List.of(), p.keywords(), field(p), List.of(),
                new Budget(new BigDecimal("300000"), new BigDecimal("1000000"), "CNY"), LocalDate.now().plusMonths(6),
                Set.of(CooperationMode.LICENCE), 5, "510100", "zh", null, OffsetDateTime.now(), OffsetDateTime.now());
    }

    private static TechnicalField field(CslCorpus.Paper p) {
        return TechnicalField.valueOf(CslCorpus.technicalFieldOf(p.discipline()));
    }
}

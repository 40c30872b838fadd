package io.kechuang.matching.embedding;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.common.consumer.BoundedRetry;
import io.kechuang.common.consumer.DeadLetterQueue;
import io.kechuang.events.achievement.AchievementState;
import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.demand.DemandState;
import io.kechuang.events.demand.DemandStatus;
import io.kechuang.matching.Events;
import io.kechuang.matching.consumer.IndexingConsumer;
import io.kechuang.matching.index.Item;
import io.kechuang.matching.index.ItemDocuments;
import io.kechuang.matching.index.MatchIndex;
import io.kechuang.matching.scoring.MatchFinder;
import io.kechuang.matching.scoring.ScoringConfig;
import io.kechuang.matching.scoring.Suggestion;
import io.kechuang.matching.search.SearchEngine;
import io.kechuang.matching.search.SearchRequest;
import io.kechuang.matching.search.SearchResult;
import io.kechuang.testing.SharedInfrastructure;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.lucene.search.IndexSearcher;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Hybrid retrieval with the real bge-small-zh model, the real embedding cache in PostgreSQL and the indexer on real
 * topics: vectors are indexed, a lost index is rebuilt from the cache without one model call, a paraphrase that
 * shares no word with a listing finds it through its vector, and suggestions carry the semantic feature.
 */
class HybridIndexTest {

    private static BgeSmallZh model;
    private static PgEmbeddingCache cache;

    @TempDir
    Path folder;

    @BeforeAll
    static void modelAndCache() throws Exception {
        SharedInfrastructure infra = SharedInfrastructure.get();
        String db = "embeddings_" + UUID.randomUUID().toString().substring(0, 8);
        infra.createDatabase(db);
        try (Connection c = infra.connection(db); Statement s = c.createStatement();
                InputStream sql = HybridIndexTest.class.getResourceAsStream("/db/migration/V4__embedding_cache.sql")) {
            s.execute(new String(sql.readAllBytes(), StandardCharsets.UTF_8));
        }
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(infra.jdbcUrl(db));
        dataSource.setUser(infra.postgresUsername());
        dataSource.setPassword(infra.postgresPassword());
        model = new BgeSmallZh(1);
        cache = new PgEmbeddingCache(dataSource, model.model());
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    @Test
    void aLostIndexIsRebuiltFromTheCacheWithoutOneModelCall() throws Exception {
        String kafka = SharedInfrastructure.get().kafkaBootstrapServers();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String achievements = "hy-achievements-" + suffix;
        String demands = "hy-demands-" + suffix;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            admin.createTopics(List.of(new NewTopic(achievements, 1, (short) 1), new NewTopic(demands, 1, (short) 1),
                    new NewTopic("hy-dlq-" + suffix, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        ItemEmbeddings embeddings = new ItemEmbeddings(model, cache);
        Path indexDir = folder.resolve("index");
        UUID cooling = UUID.randomUUID();
        UUID cleaning = UUID.randomUUID();
        UUID demand = UUID.randomUUID();
        Map<UUID, float[]> indexed = new HashMap<>();
        long callsBefore;
        try (Events events = new Events(kafka, achievements, demands)) {
            events.publish(achievement(cooling, "电动车蓄电池降温装置", "为电动车蓄电池组降温的风道与液体循环装置，延长寿命。",
                    List.of("蓄电池", "降温")));
            events.publish(achievement(cleaning, "光伏组件清洗机器人", "用于大型光伏电站组件表面自动清洗的机器人，适应沙尘环境。",
                    List.of("光伏", "清洗")));
            DemandState open = Events.demand(demand, UUID.randomUUID(), 1, DemandStatus.OPEN, "电动大巴电池过热",
                    "夏季电动大巴电池包温度过高，需要散热方案。", List.of("电池散热"));
            events.publish(new DemandState(open.id(), open.ownerOrgId(), open.status(), open.version(), open.title(),
                    open.problemStatement(), List.of(), open.keywords(), open.technicalField(), open.ipcCodes(),
                    open.budget(), open.deadline(), open.cooperationModes(), open.minTrl(), open.region(),
                    open.language(), open.closeReason(), open.openedAt(), open.updatedAt()));

            callsBefore = model.calls();
            try (MatchIndex index = MatchIndex.open(indexDir, embeddings); DeadLetterQueue dlq = dlq(kafka, suffix)) {
                IndexingConsumer consumer = consumer(kafka, index, dlq, achievements, demands);
                await().atMost(Duration.ofSeconds(60)).until(() -> index.numDocs() == 3 && consumer.lag() == 0
                        && index.item(demand.toString()).isPresent());
                consumer.close();
                for (UUID id : List.of(cooling, cleaning, demand)) {
                    indexed.put(id, vectorOf(index, id));
                }
            }
        }
        assertTrue(model.calls() - callsBefore <= 3, "each new text embedded once");
        indexed.values().forEach(v -> assertEquals(BgeSmallZh.DIMENSIONS, v.length));

        try (Stream<Path> files = Files.walk(indexDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        long callsAfterFirstIndexing = model.calls();
        long hitsBefore = embeddings.cacheHits();
        try (MatchIndex index = MatchIndex.open(indexDir, embeddings); DeadLetterQueue dlq = dlq(kafka, suffix)) {
            assertTrue(index.created(), "the index was lost");
            IndexingConsumer consumer = consumer(kafka, index, dlq, achievements, demands);
            await().atMost(Duration.ofSeconds(60)).until(() -> index.numDocs() == 3 && !consumer.rebuilding()
                    && index.item(demand.toString()).isPresent());
            consumer.close();
            assertEquals(callsAfterFirstIndexing, model.calls(), "the rebuild made no model call");
            assertEquals(hitsBefore + 3, embeddings.cacheHits(), "all three vectors came from the cache");
            for (UUID id : List.of(cooling, cleaning, demand)) {
                assertArrayEquals(indexed.get(id), vectorOf(index, id), "the same vector as before the loss");
            }

            // Suggestions carry the semantic feature, from the indexed vectors.
            MatchFinder finder = new MatchFinder(index.searchers(), index.analyzer(), ScoringConfig.defaults(), embeddings);
            Item theDemand = index.item(demand.toString()).orElseThrow();
            List<Suggestion> found = finder.findFor(theDemand, LocalDate.now());
            Suggestion best = found.getFirst();
            assertEquals(cooling, best.achievement().id(), "the battery-cooling achievement ranks first");
            Suggestion.FeatureScore semantic = best.breakdown().get(Suggestion.Feature.SEMANTIC);
            assertNotNull(semantic, "hybrid suggestions weigh the semantic similarity");
            assertEquals(ScoringConfig.Ranking.hybridDefaults().weights().semantic(), semantic.weight());
            assertTrue(semantic.value() > 0, "related texts are semantically similar: " + semantic.value());
            assertTrue(best.explanation().reasons().stream().anyMatch(r -> r.feature() == Suggestion.Feature.SEMANTIC
                    && r.zh().startsWith("语义相似度")), "the explanation says so");
            assertEquals(ScoringConfig.Ranking.hybridDefaults().bands().of(best.score()), best.confidence());

            // A paraphrase that shares no word with the cooling achievement finds it only through the vectors.
            try (QueryEmbeddings queries = new QueryEmbeddings(model, 1, 4, 100, Duration.ofSeconds(30))) {
                SearchRequest paraphrase = new SearchRequest("汽车电瓶冷却", Item.Kind.ACHIEVEMENT, null, null, null, null,
                        null, null,
                        SearchRequest.Sort.RELEVANCE, 0, 10);
                SearchResult lexical = new SearchEngine(index.searchers(), index.analyzer())
                        .search(paraphrase, LocalDate.now());
                assertEquals(0, lexical.total(), "BM25 alone finds nothing");
                SearchResult hybrid = new SearchEngine(index.searchers(), index.analyzer(), queries::embed)
                        .search(paraphrase, LocalDate.now());
                assertEquals(List.of(cooling), hybrid.items().stream().map(SearchResult.Hit::id).toList(),
                        "the vector finds the cooling achievement, and nothing unrelated");
                assertEquals(1, hybrid.total());
                assertEquals(1L, hybrid.facets().get("type").get("ACHIEVEMENT"), "and the facets count it");
            }
        }
    }

    /** A published achievement saying only its title, summary and keywords (no advantages or applications). */
    private static AchievementState achievement(UUID id, String title, String summary, List<String> keywords) {
        AchievementState a = Events.achievement(id, UUID.randomUUID(), 1, AchievementStatus.PUBLISHED, title, summary,
                keywords);
        return new AchievementState(a.id(), a.ownerOrgId(), a.status(), a.version(), a.title(), a.summary(), null,
                a.keywords(), a.technicalField(), a.ipcCodes(), a.ipType(), a.patents(), a.trl(), a.stage(),
                a.cooperationModes(), a.askingPrice(), a.priceNegotiable(), List.of(), List.of(), a.region(), a.language(),
                a.expiresOn(), a.publishedAt(), a.updatedAt());
    }

    private static float[] vectorOf(MatchIndex index, UUID id) throws Exception {
        IndexSearcher searcher = index.searchers().acquire();
        try {
            int doc = ItemDocuments.docOf(searcher, id.toString());
            return ItemDocuments.vectors(searcher.getIndexReader(), new int[] {doc})[0];
        } finally {
            index.searchers().release(searcher);
        }
    }

    private static DeadLetterQueue dlq(String kafka, String suffix) {
        return new DeadLetterQueue("hy-dlq-" + suffix, Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.ACKS_CONFIG, "all"));
    }

    private static IndexingConsumer consumer(String kafka, MatchIndex index, DeadLetterQueue dlq, String achievements,
            String demands) {
        IndexingConsumer consumer = new IndexingConsumer(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka), index,
                null, new BoundedRetry(3, Duration.ofMillis(10), dlq),
                new IndexingConsumer.Settings(achievements, demands, Duration.ofMillis(100), Duration.ofMillis(200), "hy"));
        consumer.start();
        await().atMost(Duration.ofSeconds(30)).until(consumer::assigned);
        return consumer;
    }
}

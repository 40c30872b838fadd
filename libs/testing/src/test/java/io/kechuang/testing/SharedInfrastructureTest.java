package io.kechuang.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.kechuang.infra.PostgresServer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class SharedInfrastructureTest {

    @Test
    void oneInstancePerJvmUnderTmpdir() {
        SharedInfrastructure a = SharedInfrastructure.get();
        assertSame(a, SharedInfrastructure.get());
        assertTrue(a.kafkaBootstrapServers().startsWith("127.0.0.1:"));
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        assertTrue(a.rootDir().startsWith(tmp), a.rootDir() + " under " + tmp);
        assertTrue(a.rootDir().getFileName().toString().startsWith("kechuang-infra-"));
    }

    @Test
    void databaseIsCreatedOnceAndUsableThroughJdbc() throws Exception {
        SharedInfrastructure infra = SharedInfrastructure.get();
        infra.createDatabase("shared_it");
        infra.createDatabase("shared_it"); // idempotent
        try (Connection c = PostgresServer.connect(infra.jdbcUrl("shared_it"), infra.postgresUsername(),
                infra.postgresPassword()); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS demand (id BIGINT PRIMARY KEY, title TEXT NOT NULL)");
            st.execute("INSERT INTO demand VALUES (1, '光伏组件回收') ON CONFLICT (id) DO NOTHING");
            try (ResultSet rs = st.executeQuery("SELECT title, current_database(), version() FROM demand WHERE id = 1")) {
                assertTrue(rs.next());
                assertEquals("光伏组件回收", rs.getString(1));
                assertEquals("shared_it", rs.getString(2));
                assertTrue(rs.getString(3).startsWith("PostgreSQL 18"), rs.getString(3));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> infra.createDatabase("bad\"name"));
    }

    @Test
    void topicRoundTripThroughTopicProbe() throws Exception {
        String bootstrap = SharedInfrastructure.get().kafkaBootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic("probe.roundtrip", 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            send(bootstrap, "probe.roundtrip", "before", "written before the probe opened");
            try (TopicProbe probe = TopicProbe.open(bootstrap, "probe.roundtrip");
                    TopicProbe all = TopicProbe.open(bootstrap, "probe.roundtrip", true)) {
                send(bootstrap, "probe.roundtrip", "k1", "{\"type\":\"DemandPublished\",\"title\":\"石墨烯\"}");
                var r = probe.awaitRecord(rec -> rec.value().contains("DemandPublished"), Duration.ofSeconds(15));
                assertEquals("k1", r.key());
                assertTrue(r.value().contains("石墨烯"));
                probe.assertNoRecord(rec -> "before".equals(rec.key()), Duration.ofMillis(300));
                all.awaitKey("before", Duration.ofSeconds(15));
                AssertionError e = assertThrows(AssertionError.class,
                        () -> probe.awaitRecord(rec -> "never".equals(rec.key()), Duration.ofMillis(300)));
                assertTrue(e.getMessage().contains("k1"), e.getMessage());
                assertThrows(AssertionError.class,
                        () -> probe.assertNoRecord(rec -> "k1".equals(rec.key()), Duration.ofMillis(100)));
                assertEquals(1, probe.records().size());
            }
        }
    }

    @Test
    void probeWaitsForTopicCreatedAfterOpen() throws Exception {
        String bootstrap = SharedInfrastructure.get().kafkaBootstrapServers();
        try (TopicProbe probe = TopicProbe.open(bootstrap, "probe.late");
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic("probe.late", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            send(bootstrap, "probe.late", "late", "hello");
            assertEquals("hello", probe.awaitKey("late", Duration.ofSeconds(15)).value());
        }
    }

    @Test
    void autoTopicCreationIsDisabled() throws Exception {
        String bootstrap = SharedInfrastructure.get().kafkaBootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            var cfg = admin.describeConfigs(List.of(new org.apache.kafka.common.config.ConfigResource(
                    org.apache.kafka.common.config.ConfigResource.Type.BROKER, "1"))).all().get(10, TimeUnit.SECONDS);
            var broker = cfg.values().iterator().next();
            assertEquals("false", broker.get("auto.create.topics.enable").value());
            assertEquals("0", broker.get("group.initial.rebalance.delay.ms").value());
        }
    }

    /** A copy of the class in another (child-first-like) loader reaches the same servers. */
    @Test
    void otherClassLoaderSeesTheSameServers() throws Exception {
        String cp = System.getProperty("surefire.test.class.path");
        assumeTrue(cp != null, "needs surefire's class path");
        List<URL> urls = new ArrayList<>();
        for (String e : cp.split(File.pathSeparator)) {
            if (!e.isBlank()) {
                urls.add(Path.of(e).toUri().toURL());
            }
        }
        String expected = SharedInfrastructure.get().kafkaBootstrapServers();
        try (URLClassLoader isolated = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            Class<?> copy = isolated.loadClass(SharedInfrastructure.class.getName());
            assertTrue(copy != SharedInfrastructure.class);
            Object other = copy.getMethod("get").invoke(null);
            Method bootstrap = copy.getMethod("kafkaBootstrapServers");
            assertEquals(expected, bootstrap.invoke(other));

            Class<?> tokens = isolated.loadClass(TestTokens.class.getName());
            assertEquals(TestTokens.publicKeyPemPath(), tokens.getMethod("publicKeyPemPath").invoke(null));
        }
    }

    static void send(String bootstrap, String topic, String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(15, TimeUnit.SECONDS);
        }
    }

    @Test
    void noLeftoversOutsideTmpdirConvention() {
        // The parent points java.io.tmpdir at target/tmp; everything of this module lives there.
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        assertTrue(Files.isDirectory(tmp));
        assertTrue(TestTokens.publicKeyPemPath().startsWith(tmp));
    }
}

package io.kechuang.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import io.kechuang.infra.PostgresServer;

import org.junit.jupiter.api.Test;

class KechuangTestResourceTest {

    @Test
    void startReturnsTheServiceConfiguration() throws Exception {
        KechuangTestResource resource = new KechuangTestResource();
        resource.init(Map.of("database", "achievement"));
        Map<String, String> config = resource.start();
        SharedInfrastructure infra = SharedInfrastructure.get();

        assertEquals(infra.jdbcUrl("achievement"), config.get("quarkus.datasource.jdbc.url"));
        assertEquals("postgres", config.get("quarkus.datasource.username"));
        assertEquals("postgres", config.get("quarkus.datasource.password"));
        assertEquals(infra.kafkaBootstrapServers(), config.get("kafka.bootstrap.servers"));
        assertEquals("0", config.get("quarkus.http.test-port"));
        assertEquals("false", config.get("quarkus.devservices.enabled"));
        assertEquals(TestTokens.publicKeyLocation(), config.get("mp.jwt.verify.publickey.location"));
        assertEquals("kechuang", config.get("mp.jwt.verify.issuer"));
        assertEquals("kechuang-api", config.get("mp.jwt.verify.audiences"));
        assertEquals("WARN", config.get("quarkus.log.category.\"kafka\".level"));

        try (Connection c = PostgresServer.connect(config.get("quarkus.datasource.jdbc.url"),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
                Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_database()")) {
            assertTrue(rs.next());
            assertEquals("achievement", rs.getString(1));
        }
        resource.stop(); // no-op: shared
        KechuangTestResource second = new KechuangTestResource();
        second.init(Map.of());
        assertEquals(infra.jdbcUrl("app"), second.start().get("quarkus.datasource.jdbc.url"));
    }
}

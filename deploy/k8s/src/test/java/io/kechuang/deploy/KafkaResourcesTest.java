package io.kechuang.deploy;

import static io.kechuang.deploy.DeployFiles.list;
import static io.kechuang.deploy.DeployFiles.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kechuang.deploy.Manifests.Resource;
import io.kechuang.events.Topics;
import io.kechuang.events.Topics.TopicSpec;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Strimzi resources: a KRaft cluster with a TLS listener, SCRAM-SHA-512 and simple authorization; one
 * KafkaTopic per topic of {@link Topics}; one KafkaUser per Kafka-using service that may write exactly the topics
 * the service produces ({@code kechuang.kafka.produced-topics}) and read what it consumes.
 */
class KafkaResourcesTest {

    private static final Manifests K8S = Manifests.load();

    /**
     * What each service consumes, and in which consumer group (README: the listing services follow matches.v1 in
     * {@code <service>-matches}; each matching replica's indexer reads both listing topics without a group, match
     * computation runs in the group its StatefulSet names, and its broker directory follows identity.v1 in
     * {@code matching-identity}; every replica reads the indexer's replays on {@code matching.replay} without a group;
     * each service's admin API reads its own dead-letter topic; the gateway only produces).
     */
    private static final Map<String, Set<String>> CONSUMED = Map.of(
            "gateway", Set.of(),
            "achievement-service", Set.of(Topics.MATCHES, Topics.ACHIEVEMENT_SERVICE_DLQ_SPEC.name()),
            "demand-service", Set.of(Topics.MATCHES, Topics.DEMAND_SERVICE_DLQ_SPEC.name()),
            "matching-service", Set.of(Topics.ACHIEVEMENTS, Topics.DEMANDS, Topics.IDENTITY,
                    Topics.MATCHING_DLQ_SPEC.name(), Topics.MATCHING_REPLAY));

    @Test
    void theClusterRunsKraftWithTlsScramAndAcls() {
        Resource kafka = K8S.only("Kafka");
        assertTrue(kafka.apiVersion().startsWith("kafka.strimzi.io/"), kafka.apiVersion());
        JsonNode listener = KubernetesManifestsTest.tlsListener(kafka);
        assertEquals("scram-sha-512", text(listener, "authentication", "type").orElse(null));
        assertEquals("internal", text(listener, "type").orElse(null));
        assertTrue(list(kafka.node().path("spec").path("kafka").path("listeners")).stream()
                .allMatch(l -> l.path("tls").asBoolean()), "no plain-text listener");
        assertEquals("simple", text(kafka.node(), "spec", "kafka", "authorization", "type").orElse(null));
        assertEquals("false", text(kafka.node(), "spec", "kafka", "config", "auto.create.topics.enable").orElse(null));
        assertTrue(kafka.node().path("spec").path("entityOperator").has("topicOperator"), "KafkaTopics need it");
        assertTrue(kafka.node().path("spec").path("entityOperator").has("userOperator"), "KafkaUsers need it");

        Set<String> roles = new HashSet<>();
        for (Resource pool : K8S.ofKind("KafkaNodePool")) {
            assertEquals(kafka.name(), text(pool.node(), "metadata", "labels", "strimzi.io/cluster").orElse(null));
            list(pool.node().path("spec").path("roles")).forEach(r -> roles.add(r.asText()));
            assertTrue(pool.node().path("spec").path("resources").path("requests").has("memory"), pool.name());
        }
        assertEquals(Set.of("controller", "broker"), roles, "KRaft: node pools hold controllers and brokers");
    }

    @Test
    void oneKafkaTopicPerTopicOfTheEventContract() {
        Resource kafka = K8S.only("Kafka");
        Map<String, JsonNode> topics = new HashMap<>();
        for (Resource topic : K8S.ofKind("KafkaTopic")) {
            assertEquals(kafka.name(), text(topic.node(), "metadata", "labels", "strimzi.io/cluster").orElse(null),
                    topic.name());
            String name = text(topic.node(), "spec", "topicName").orElse(topic.name());
            assertTrue(topics.put(name, topic.node().path("spec")) == null, "two KafkaTopics for " + name);
        }
        assertEquals(Topics.ALL.stream().map(TopicSpec::name).collect(Collectors.toSet()), topics.keySet());
        for (TopicSpec spec : Topics.ALL) {
            JsonNode topic = topics.get(spec.name());
            assertEquals(spec.partitions(), topic.path("partitions").asInt(), spec.name() + " partitions");
            assertEquals(spec.compacted() ? "compact" : "delete", text(topic, "config", "cleanup.policy").orElse(null),
                    spec.name() + " cleanup.policy");
            assertTrue(topic.path("replicas").asInt() >= 3, spec.name() + " is replicated");
        }
    }

    @Test
    void eachServiceMayWriteExactlyTheTopicsItProduces() {
        Set<String> kafkaServices = ServiceConfig.SERVICES.stream().filter(s -> ServiceConfig.of(s).usesKafka())
                .collect(Collectors.toSet());
        assertEquals(kafkaServices, K8S.ofKind("KafkaUser").stream().map(Resource::name).collect(Collectors.toSet()),
                "one KafkaUser per service that uses Kafka");
        Set<String> allTopics = Topics.ALL.stream().map(TopicSpec::name).collect(Collectors.toSet());
        for (String service : kafkaServices) {
            Resource user = K8S.get("KafkaUser", service);
            assertEquals("scram-sha-512", text(user.node(), "spec", "authentication", "type").orElse(null), service);
            assertEquals("simple", text(user.node(), "spec", "authorization", "type").orElse(null), service);
            Set<String> produced = ServiceConfig.of(service).producedTopics();
            assertTrue(!produced.isEmpty(), service + " produces topics");

            List<JsonNode> acls = list(user.node().path("spec").path("authorization").path("acls"));
            for (JsonNode acl : acls) {
                assertEquals("literal", text(acl, "resource", "patternType").orElse(null), service + ": " + acl);
                assertTrue(!acl.has("host") || acl.path("host").asText().equals("*"), service + ": " + acl);
                Set<String> ops = operations(acl);
                assertTrue(Set.of("Read", "Write", "Describe").containsAll(ops), service + " may only read, write and describe: " + acl);
                if (acl.path("resource").path("type").asText().equals("topic")) {
                    assertTrue(allTopics.contains(acl.path("resource").path("name").asText()), "unknown topic in " + acl);
                }
            }
            assertEquals(produced, topicsWith(acls, "Write"), service + " writes exactly kechuang.kafka.produced-topics");
            Set<String> read = topicsWith(acls, "Read");
            assertEquals(CONSUMED.get(service), read, service + " reads what it consumes");
            Set<String> described = topicsWith(acls, "Describe");
            assertTrue(described.containsAll(produced), service + ": TopicProvisioner lists its topics (Describe)");
            assertTrue(acls.stream().noneMatch(a -> a.path("resource").path("type").asText().equals("cluster")),
                    service + " needs no cluster-wide right");
        }
        assertEquals(Set.of("achievement-service-matches"),
                KubernetesManifestsTest.readableGroups(K8S.get("KafkaUser", "achievement-service")));
        assertEquals(Set.of("demand-service-matches"),
                KubernetesManifestsTest.readableGroups(K8S.get("KafkaUser", "demand-service")));
        String matchGroup = KubernetesManifestsTest.plainEnvironment(KubernetesManifestsTest.onlyContainer("matching-service"))
                .get("KECHUANG_MATCHING_MATCH_GROUP");
        assertNotNull(matchGroup);
        assertEquals(Set.of(matchGroup, "matching-identity"),
                KubernetesManifestsTest.readableGroups(K8S.get("KafkaUser", "matching-service")));
        assertEquals(Set.of(), KubernetesManifestsTest.readableGroups(K8S.get("KafkaUser", "gateway")));
        assertEquals(Set.of(Topics.IDENTITY), ServiceConfig.of("gateway").producedTopics(),
                "the gateway publishes identity.v1 and nothing else");
    }

    private static Set<String> operations(JsonNode acl) {
        return list(acl.path("operations")).stream().map(JsonNode::asText).collect(Collectors.toSet());
    }

    private static Set<String> topicsWith(List<JsonNode> acls, String operation) {
        return acls.stream()
                .filter(a -> a.path("resource").path("type").asText().equals("topic"))
                .filter(a -> operations(a).contains(operation))
                .map(a -> a.path("resource").path("name").asText())
                .collect(Collectors.toSet());
    }
}

package io.kechuang.common.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.events.Topics;
import io.kechuang.events.Topics.TopicSpec;
import io.kechuang.testing.SharedInfrastructure;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/** Topics are created with their declared configs, and existing topics are brought to them, on a real broker. */
class TopicProvisionerTest {

    private final String kafka = SharedInfrastructure.get().kafkaBootstrapServers();

    @Test
    void matchesAreACompactedStateLog() {
        assertEquals("compact", Topics.MATCHES_SPEC.configs().get("cleanup.policy"));
    }

    @Test
    void anExistingTopicWithTheWrongCleanupPolicyIsReconciledOnce() throws Exception {
        String name = "reconcile-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", kafka))) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1).configs(Map.of("cleanup.policy", "delete"))))
                    .all().get(30, TimeUnit.SECONDS);
            assertEquals("delete", cleanupPolicy(admin, name));
            TopicSpec spec = new TopicSpec(name, 1, true);

            List<String> first = TopicProvisioner.ensure(admin, List.of(spec), (short) 1);
            assertEquals(List.of(name + " cleanup.policy: delete -> compact"), first);
            assertEquals("compact", cleanupPolicy(admin, name));

            assertEquals(List.of(), TopicProvisioner.ensure(admin, List.of(spec), (short) 1), "nothing left to change");
            assertEquals("compact", cleanupPolicy(admin, name));
        }
    }

    @Test
    void aMissingTopicIsCreatedWithItsDeclaredConfigs() throws Exception {
        String name = "create-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", kafka))) {
            List<String> changes = TopicProvisioner.ensure(admin, List.of(new TopicSpec(name, 2, true)), (short) 1);
            assertTrue(changes.size() == 1 && changes.getFirst().startsWith("created " + name), changes.toString());
            assertEquals("compact", cleanupPolicy(admin, name));
            assertEquals(2, admin.describeTopics(List.of(name)).allTopicNames().get(30, TimeUnit.SECONDS).get(name)
                    .partitions().size());
            assertEquals(List.of(), TopicProvisioner.ensure(admin, List.of(new TopicSpec(name, 2, true)), (short) 1));
        }
    }

    private static String cleanupPolicy(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
                .get("cleanup.policy").value();
    }
}

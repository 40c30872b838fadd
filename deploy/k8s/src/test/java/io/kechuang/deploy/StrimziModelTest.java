package io.kechuang.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.kechuang.deploy.Manifests.Resource;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A schema check of the Strimzi resources without the cluster's CRDs: each is read into Strimzi's own API model
 * ({@code io.strimzi:api}, the classes its CRDs are generated from). Fields the model does not know, values its
 * enums do not know, and fields deprecated in it (those of {@code v1beta2} that {@code v1} dropped) are reported.
 */
class StrimziModelTest {

    private static final Map<String, Class<?>> MODELS = Map.of("Kafka", Kafka.class, "KafkaNodePool",
            KafkaNodePool.class, "KafkaTopic", KafkaTopic.class, "KafkaUser", KafkaUser.class);

    private final ObjectMapper mapper = new YAMLMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    @Test
    void everyStrimziResourceFitsTheStrimziModel() throws Exception {
        List<String> problems = new ArrayList<>();
        int read = 0;
        for (Resource r : Manifests.load().resources) {
            if (!r.apiVersion().startsWith("kafka.strimzi.io/")) {
                continue;
            }
            assertEquals("kafka.strimzi.io/v1", r.apiVersion(), r.kind() + " " + r.name() + ": the current API");
            Class<?> model = MODELS.get(r.kind());
            assertTrue(model != null, "unexpected Strimzi kind " + r.kind());
            inspect(mapper.treeToValue(r.node(), model), r.kind() + " " + r.name(), problems, new IdentityHashMap<>());
            read++;
        }
        assertEquals(List.of(), problems);
        assertEquals(16, read, "Kafka, KafkaNodePool, 10 KafkaTopics, 4 KafkaUsers");
    }

    @Test
    void theCheckReportsUnknownFieldsDeprecatedFieldsAndUnknownValues() throws Exception {
        String user = """
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaUser
                metadata: {name: x}
                spec:
                  authentication: {type: scram-sha-512}
                  authorization:
                    type: simple
                    acls:
                      - resource: {type: topic, name: t, patternType: literal}
                        operations: [Wrte]
                        hosts: "*"
                """;
        List<String> problems = new ArrayList<>();
        inspect(mapper.readValue(user, KafkaUser.class), "KafkaUser x", problems, new IdentityHashMap<>());
        assertEquals(2, problems.size(), problems.toString());
        String kafka = """
                apiVersion: kafka.strimzi.io/v1
                kind: Kafka
                metadata: {name: k}
                spec:
                  kafka:
                    replicas: 3
                    listeners: [{name: tls, port: 9093, type: internal, tls: true}]
                """;
        problems.clear();
        inspect(mapper.readValue(kafka, Kafka.class), "Kafka k", problems, new IdentityHashMap<>());
        assertEquals(1, problems.size(), "spec.kafka.replicas is v1beta2 only: " + problems);
    }

    /** Walks the model's getters: extra properties, null enum values and deprecated fields in use are problems. */
    private static void inspect(Object o, String path, List<String> problems, Map<Object, Boolean> seen) throws Exception {
        if (o == null || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                if (e == null) {
                    problems.add(path + "[" + i + "]: a value the model does not know");
                }
                inspect(e, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                inspect(e.getValue(), path + "." + e.getKey(), problems, seen);
            }
            return;
        }
        String pkg = o.getClass().getPackageName();
        if (!pkg.startsWith("io.strimzi") && !pkg.startsWith("io.fabric8")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            String name = m.getName();
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class
                    || !(name.startsWith("get") || name.startsWith("is"))) {
                continue;
            }
            Object value = m.invoke(o);
            if (name.equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown fields " + extra.keySet());
                }
                continue;
            }
            if (value == null) {
                continue;
            }
            if (m.isAnnotationPresent(Deprecated.class)) {
                problems.add(path + "." + name + ": deprecated");
            }
            inspect(value, path + "." + name, problems, seen);
        }
    }
}

package io.kechuang.common.kafka;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Client settings built from the application's {@code kafka.*} configuration (bootstrap servers, and in production
 * TLS/SCRAM settings), filtered to what each client type understands.
 */
@ApplicationScoped
public class KafkaSettings {

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    public Map<String, Object> admin() {
        return only(AdminClientConfig.configNames());
    }

    /** Consumer settings from configuration; callers add group, offsets and deserialisers. */
    public Map<String, Object> consumer() {
        return only(ConsumerConfig.configNames());
    }

    /** An idempotent producer: acks from all replicas, no duplicates from its own retries, per-partition order. */
    public Map<String, Object> idempotentProducer(String clientId) {
        Map<String, Object> props = only(ProducerConfig.configNames());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        return props;
    }

    private Map<String, Object> only(Set<String> names) {
        Map<String, Object> props = new HashMap<>();
        kafkaConfig.forEach((k, v) -> {
            if (names.contains(k)) {
                props.put(k, v);
            }
        });
        return props;
    }
}

package io.kechuang.common.kafka;

import io.kechuang.events.Topics;
import io.kechuang.events.Topics.TopicSpec;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * Creates the topics this service produces, at start-up, through the Admin API. The service names them in
 * {@code kechuang.kafka.produced-topics}; their partition count and cleanup policy come from {@link Topics}.
 * Auto-created topics are never relied on. Start-up waits for the broker up to a bound, then fails loudly.
 */
@ApplicationScoped
public class TopicProvisioner {

    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);

    @ConfigMapping(prefix = "kechuang.kafka")
    public interface ProvisioningConfig {
        /** Names of the topics this service produces. */
        Optional<List<String>> producedTopics();

        @WithDefault("60s")
        Duration provisionTimeout();

        /** Replication factor for new topics; 1 on a single-broker platform, 3 in production. */
        @WithDefault("1")
        short replicationFactor();
    }

    @Inject
    ProvisioningConfig config;

    @Inject
    KafkaSettings settings;

    private volatile boolean provisioned;

    void onStart(@Observes @Priority(10) StartupEvent event) {
        List<TopicSpec> specs = config.producedTopics().orElse(List.of()).stream().map(TopicProvisioner::spec).toList();
        if (!specs.isEmpty()) {
            provision(specs);
        }
        provisioned = true;
    }

    public boolean provisioned() {
        return provisioned;
    }

    static TopicSpec spec(String name) {
        return Topics.ALL.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("Unknown topic in kechuang.kafka.produced-topics: " + name
                        + "; known topics are defined in io.kechuang.events.Topics"));
    }

    void provision(List<TopicSpec> specs) {
        long deadline = System.nanoTime() + config.provisionTimeout().toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = Admin.create(settings.admin())) {
                Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
                List<NewTopic> missing = new ArrayList<>();
                for (TopicSpec spec : specs) {
                    if (!existing.contains(spec.name())) {
                        missing.add(new NewTopic(spec.name(), spec.partitions(), config.replicationFactor())
                                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                                        spec.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE)));
                    }
                }
                if (!missing.isEmpty()) {
                    try {
                        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                        LOG.infof("Created topics %s", missing.stream().map(NewTopic::name).toList());
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof TopicExistsException)) {
                            throw e;
                        }
                    }
                }
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while provisioning topics", e);
            } catch (Exception e) {
                last = e;
                LOG.warnf("Kafka not reachable yet for topic provisioning (%s); retrying", e.getMessage());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while provisioning topics", ie);
                }
            }
        }
        throw new IllegalStateException("Could not create topics " + specs + " within " + config.provisionTimeout(), last);
    }
}

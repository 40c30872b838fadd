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
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * Creates the topics this service produces, at start-up, through the Admin API, and reconciles the declared configs
 * of those that already exist. The service names them in {@code kechuang.kafka.produced-topics}; their partition
 * count and configs (the cleanup policy) come from {@link Topics}.
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

    /**
     * Creates the missing topics with their declared configs, and reconciles the declared configs
     * ({@link TopicSpec#configs()}, such as {@code cleanup.policy}) of those that exist: a topic created before its
     * spec changed, or by hand, is altered in place (only the differing keys, through
     * {@link Admin#incrementalAlterConfigs}). A principal that may not describe or alter configs (on Kubernetes the
     * Strimzi topic operator owns them) is logged and skipped.
     *
     * @return what was created or changed, empty when everything already matched
     */
    static List<String> ensure(Admin admin, List<TopicSpec> specs, short replicationFactor) throws Exception {
        Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
        List<String> changes = new ArrayList<>();
        List<NewTopic> missing = new ArrayList<>();
        List<TopicSpec> present = new ArrayList<>();
        for (TopicSpec spec : specs) {
            if (existing.contains(spec.name())) {
                present.add(spec);
            } else {
                missing.add(new NewTopic(spec.name(), spec.partitions(), replicationFactor).configs(spec.configs()));
            }
        }
        if (!missing.isEmpty()) {
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                LOG.infof("Created topics %s", missing.stream().map(NewTopic::name).toList());
                missing.forEach(t -> changes.add("created " + t.name() + " " + t.configs()));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        if (!present.isEmpty()) {
            changes.addAll(reconcile(admin, present));
        }
        return changes;
    }

    private static List<String> reconcile(Admin admin, List<TopicSpec> specs) throws Exception {
        Map<ConfigResource, TopicSpec> resources = new LinkedHashMap<>();
        for (TopicSpec spec : specs) {
            resources.put(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()), spec);
        }
        Map<ConfigResource, Config> current;
        try {
            current = admin.describeConfigs(resources.keySet()).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthorizationException) {
                LOG.warnf("May not describe the configs of topics %s (%s); their configs are managed elsewhere",
                        specs.stream().map(TopicSpec::name).toList(), e.getCause().getMessage());
                return List.of();
            }
            throw e;
        }
        Map<ConfigResource, Collection<AlterConfigOp>> alter = new LinkedHashMap<>();
        List<String> changes = new ArrayList<>();
        resources.forEach((resource, spec) -> {
            Config config = current.get(resource);
            spec.configs().forEach((key, wanted) -> {
                ConfigEntry entry = config == null ? null : config.get(key);
                String actual = entry == null ? null : entry.value();
                if (!wanted.equals(actual)) {
                    alter.computeIfAbsent(resource, r -> new ArrayList<>())
                            .add(new AlterConfigOp(new ConfigEntry(key, wanted), AlterConfigOp.OpType.SET));
                    changes.add(spec.name() + " " + key + ": " + actual + " -> " + wanted);
                }
            });
        });
        if (alter.isEmpty()) {
            return List.of();
        }
        try {
            admin.incrementalAlterConfigs(alter).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthorizationException) {
                LOG.warnf("Topic configs differ from their specs but may not be altered (%s): %s",
                        e.getCause().getMessage(), changes);
                return List.of();
            }
            throw e;
        }
        LOG.infof("Reconciled topic configs: %s", changes);
        return changes;
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
                ensure(admin, specs, config.replicationFactor());
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

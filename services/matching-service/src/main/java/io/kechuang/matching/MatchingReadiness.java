package io.kechuang.matching;

import io.kechuang.matching.consumer.IndexingConsumer;
import io.kechuang.matching.consumer.MatchGroupConsumer;
import io.kechuang.matching.index.MatchIndex;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the index is open, the consumer runs with all partitions assigned, is not rebuilding, and lags little. */
@Readiness
@ApplicationScoped
public class MatchingReadiness implements HealthCheck {

    @Inject
    MatchingEngine engine;

    @Inject
    MatchIndex index;

    @Inject
    MatchingConfig config;

    @Override
    public HealthCheckResponse call() {
        IndexingConsumer consumer = engine.consumer();
        boolean open = index.isOpen();
        boolean running = consumer != null && consumer.alive() && consumer.assigned();
        long lag = consumer == null ? -1 : consumer.lag();
        boolean rebuilding = consumer != null && consumer.rebuilding();
        MatchGroupConsumer group = engine.matchGroup();
        boolean matching = config.matchGroup().isEmpty() || group != null && group.alive();
        boolean up = open && running && matching && !rebuilding && lag >= 0 && lag <= config.maxReadyLag();
        return HealthCheckResponse.named("Matching index and consumer")
                .status(up)
                .withData("matchGroup", config.matchGroup().orElse("none (this replica matches inline)"))
                .withData("matchGroupRunning", matching)
                .withData("indexOpen", open)
                .withData("documents", open ? index.numDocs() : 0)
                .withData("consumerRunning", running)
                .withData("rebuilding", rebuilding)
                .withData("lag", lag)
                .build();
    }
}

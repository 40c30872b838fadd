package io.kechuang.common.consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * The service's liveness ({@code /q/health/live}) as far as its Kafka consumers go: DOWN while a {@link ConsumerLoop}
 * it {@link #watch watches} is meant to run but is not ({@link ConsumerLoop#live}: its thread has ended, it has been
 * waiting to restart for longer than {@code kechuang.consumers.liveness-grace}, or has shown no sign of life for that
 * long), so that Kubernetes restarts the pod. A loop waiting out an outage of Kafka or of the database is alive: a
 * restart would not bring them back. Readiness stays each service's own.
 * <p>
 * Also {@code @Default} ({@code @Liveness} is a qualifier), so that consumers can inject it to be watched.
 */
@Liveness
@Default
@ApplicationScoped
public class ConsumerLiveness implements HealthCheck {

    @ConfigProperty(name = "kechuang.consumers.liveness-grace", defaultValue = "60s")
    Duration grace;

    private final List<ConsumerLoop> loops = new CopyOnWriteArrayList<>();

    ConsumerLiveness() {
    }

    /** Outside CDI, for tests. */
    public ConsumerLiveness(Duration grace) {
        this.grace = grace;
    }

    public void watch(ConsumerLoop loop) {
        loops.add(loop);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Kafka consumers").up();
        for (ConsumerLoop loop : loops) {
            response.withData(loop.name(), loop.describe(grace));
            if (!loop.live(grace)) {
                response.down();
            }
        }
        return response.build();
    }
}

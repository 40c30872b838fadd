package io.kechuang.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import com.fasterxml.jackson.databind.JsonNode;

import io.kechuang.local.KnownServices;
import io.kechuang.local.RunningPlatform;

/**
 * When the platform has stopped moving after the load: every service ready, every outbox sent, every consumer group
 * at the end of its partitions and the matching service's indexer (which reads without a group) with no lag, all of
 * it twice in a row a few seconds apart, since a consumer that applies an event may write the next one. Only then do
 * the checks compare databases, topics and the index: before, they would count as lost or divergent what is merely
 * still on its way.
 */
final class Quiescence {

    private static final Duration POLL = Duration.ofSeconds(2);

    private final RunningPlatform platform;
    private final HttpClient http;

    Quiescence(RunningPlatform platform, HttpClient http) {
        this.platform = platform;
        this.http = http;
    }

    /**
     * Waits until the platform is quiet twice in a row, at most {@code limit}.
     *
     * @return empty when quiet; else what was still moving when the limit was reached
     */
    List<String> await(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        int quietLooks = 0;
        List<String> moving = List.of();
        while (System.nanoTime() < deadline) {
            moving = stillMoving();
            quietLooks = moving.isEmpty() ? quietLooks + 1 : 0;
            if (quietLooks >= 2) {
                return List.of();
            }
            Thread.sleep(POLL.toMillis());
        }
        return moving;
    }

    /**
     * Whether the platform has recovered from the last fault, so that the next one may come: every service's
     * readiness is UP, or DOWN only because a consumer is behind (a check whose data says its consumer runs, with
     * a lag, not rebuilding). Under the load the matching service falls behind for minutes at a time, which is
     * backlog, not a service that is down, and must not stop the faults.
     */
    boolean recovered() {
        for (URI url : platform.managementUrls().values()) {
            JsonNode ready = readiness(url);
            if (ready == null || !ready.path("status").asText().equals("UP") && !onlyBehind(ready.path("checks"))) {
                return false;
            }
        }
        return true;
    }

    private static boolean onlyBehind(JsonNode checks) {
        if (!checks.isArray() || checks.isEmpty()) {
            return false;
        }
        for (JsonNode check : checks) {
            JsonNode data = check.path("data");
            boolean behind = data.path("consumerRunning").asBoolean(false) && data.path("lag").asLong(0) > 0
                    && !data.path("rebuilding").asBoolean(true);
            if (!check.path("status").asText().equals("UP") && !behind) {
                return false;
            }
        }
        return true;
    }

    private List<String> stillMoving() {
        List<String> moving = new ArrayList<>();
        platform.managementUrls().forEach((service, url) -> {
            JsonNode ready = readiness(url);
            if (ready == null || !ready.path("status").asText().equals("UP")) {
                moving.add(service + " not ready");
                return;
            }
            for (JsonNode check : ready.path("checks")) {
                long lag = check.path("data").path("lag").asLong(0);
                if (lag > 0 || check.path("data").path("rebuilding").asBoolean(false)) {
                    moving.add(service + ": " + check.path("name").asText() + " lag " + lag);
                }
            }
        });
        for (KnownServices.ServiceSpec spec : KnownServices.ALL) {
            long unsent = unsentOutbox(spec.database());
            if (unsent != 0) {
                moving.add(spec.name() + ": " + (unsent < 0 ? "outbox unreadable" : unsent + " outbox events unsent"));
            }
        }
        moving.addAll(groupLags());
        return moving;
    }

    /** The readiness answer as JSON (its status and checks), or {@code null} when there is none. */
    private JsonNode readiness(URI management) {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(management.resolve("/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return Gateway.JSON.readTree(answer.body());
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private long unsentOutbox(String database) {
        try (Connection db = DriverManager.getConnection(platform.jdbcUrl(database), platform.databaseUsername(),
                platform.databasePassword());
                Statement s = db.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from outbox_event where sent_at is null")) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return -1;
        }
    }

    /** Consumer groups that have not read to the end of a partition they committed offsets for. */
    private List<String> groupLags() {
        List<String> lagging = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.kafkaBootstrapServers(), AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                committed.put(group.groupId(), offsets);
                offsets.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(10, TimeUnit.SECONDS);
            committed.forEach((group, offsets) -> offsets.forEach((tp, offset) -> {
                long lag = offset == null ? 0 : ends.get(tp).offset() - offset.offset();
                if (lag > 0) {
                    lagging.add("group " + group + " on " + tp + ": lag " + lag);
                }
            }));
        } catch (Exception e) {
            lagging.add("consumer groups not readable (" + e + ")");
        }
        return lagging;
    }
}

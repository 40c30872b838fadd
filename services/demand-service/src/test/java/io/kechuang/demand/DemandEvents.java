package io.kechuang.demand;

import com.fasterxml.jackson.databind.JsonNode;
import io.kechuang.events.EventJson;
import io.kechuang.events.Topics;
import io.kechuang.testing.TopicProbe;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the service publishes on {@code demands.v1} from the moment the watch starts, read from the real broker. Use
 * it in a try-with-resources block ({@link #watch()}), or as a JUnit extension that watches during each test
 * ({@link #duringEachTest()}).
 */
final class DemandEvents implements AutoCloseable, BeforeEachCallback, AfterEachCallback {

    static final Duration WAIT = Duration.ofSeconds(10);

    private TopicProbe probe;

    private DemandEvents() {
    }

    static DemandEvents watch() {
        DemandEvents events = new DemandEvents();
        events.start();
        return events;
    }

    static DemandEvents duringEachTest() {
        return new DemandEvents();
    }

    private void start() {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        probe = TopicProbe.open(bootstrap, Topics.DEMANDS);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    /** The first event of {@code type} about demand {@code id}, waiting for it. */
    JsonNode await(String id, String type) {
        return parse(probe.awaitRecord(r -> id.equals(r.key()) && type.equals(parse(r).get("type").asText()), WAIT));
    }

    /** The event of {@code type} about demand {@code id} at {@code version}, waiting for it. */
    JsonNode await(String id, String type, long version) {
        return parse(probe.awaitRecord(r -> {
            JsonNode event = parse(r);
            return id.equals(r.key()) && type.equals(event.get("type").asText())
                    && event.get("aggregateVersion").asLong() == version;
        }, WAIT));
    }

    /** Every event about {@code id} seen so far, in topic order, as raw JSON. */
    List<String> raw(String id) {
        return probe.records().stream().filter(r -> id.equals(r.key())).map(ConsumerRecord::value).toList();
    }

    /** {@code type@aggregateVersion} of every event about {@code id} seen so far. */
    List<String> history(String id) {
        return probe.records().stream().filter(r -> id.equals(r.key())).map(DemandEvents::parse)
                .map(e -> e.get("type").asText().replace("kechuang.demand.", "") + "@" + e.get("aggregateVersion").asLong())
                .toList();
    }

    /** Waits the whole window and fails on any event about {@code id}. */
    void assertNoneAbout(String id, Duration window) {
        probe.assertNoRecord(r -> id.equals(r.key()), window);
    }

    /**
     * Waits the whole window and fails on an event about {@code id} beyond {@code version}: the events of the changes
     * up to it may still be on their way from the outbox when the watch starts, and are not what is checked.
     */
    void assertNoneAfter(String id, long version, Duration window) {
        probe.assertNoRecord(r -> id.equals(r.key()) && parse(r).get("aggregateVersion").asLong() > version, window);
    }

    /** Waits the whole window and fails on an event of {@code type} about {@code id}. */
    void assertNoneAbout(String id, String type, Duration window) {
        probe.assertNoRecord(r -> id.equals(r.key()) && type.equals(parse(r).get("type").asText()), window);
    }

    static JsonNode parse(ConsumerRecord<String, String> record) {
        try {
            return EventJson.mapper().readTree(record.value());
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("not JSON: " + record.value(), e);
        }
    }

    @Override
    public void close() {
        probe.close();
    }
}

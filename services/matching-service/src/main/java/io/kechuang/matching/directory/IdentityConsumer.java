package io.kechuang.matching.directory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.kechuang.common.consumer.BoundedRetry;
import io.kechuang.common.consumer.ConsumerLoop;
import io.kechuang.common.consumer.GroupOffsets;
import io.kechuang.events.EventEnvelope;
import io.kechuang.events.EventJson;
import io.kechuang.events.EventTypes;
import io.kechuang.events.identity.OrganisationState;
import io.kechuang.events.identity.UserState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Keeps the {@link Directory} from {@code identity.v1}: a {@link ConsumerLoop} in its own consumer group
 * ({@code kechuang.matching.identity-group}, {@code matching-identity} by default), shared by the service's replicas,
 * since they share the database the directory lives in.
 * <ul>
 * <li>Each record is decoded by its type ({@code organisation-changed} or {@code user-changed}) and applied in one
 * transaction, only if newer than the row ({@link Directory}). Its offset is committed to the group after that
 * transaction, so the directory never misses an event it was told of; a record applied twice changes nothing.</li>
 * <li>A record that is not a complete identity event goes straight to the dead-letter topic; one whose processing
 * keeps failing goes there after bounded retries. While the database or Kafka is down, records wait
 * ({@link BoundedRetry}). Kafka tombstones, and events of a type this service does not know (a later producer's),
 * are skipped.</li>
 * <li>A failed session is restarted by the loop, and the service's liveness reports the loop.</li>
 * </ul>
 */
public final class IdentityConsumer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(IdentityConsumer.class);

    /** Settings of one group member. */
    public record Settings(String topic, String groupId, Duration pollTimeout, String clientId) {
    }

    private final Directory directory;
    private final GroupOffsets offsets;
    private final ConsumerLoop loop;
    private final AtomicLong applied = new AtomicLong();

    public IdentityConsumer(Map<String, Object> kafkaConfig, Directory directory, BoundedRetry retry, Settings settings) {
        this.directory = directory;
        this.offsets = new GroupOffsets(settings.groupId(), List.of(settings.topic()));
        this.loop = new ConsumerLoop(kafkaConfig, ConsumerLoop.Settings.of(settings.clientId(), settings.pollTimeout()),
                offsets, retry, this::handle);
    }

    public void start() {
        loop.start();
    }

    /** The loop underneath, for the liveness check. */
    public ConsumerLoop loop() {
        return loop;
    }

    /** Whether the group has given this member its partitions at least once. */
    public boolean joined() {
        return offsets.joined();
    }

    /** Events that changed the directory on this replica. */
    public long applied() {
        return applied.get();
    }

    public long deadLettered() {
        return loop.deadLettered();
    }

    public long restarts() {
        return loop.restarts();
    }

    /** An admin's replay of a dead letter: the record, at its original place, through the same handler. */
    public void replay(ConsumerRecord<byte[], byte[]> record) {
        handle(record);
    }

    private void handle(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return; // a tombstone: the gateway never deletes organisations or users
        }
        EventEnvelope<JsonNode> envelope = EventJson.read(new String(record.value(), StandardCharsets.UTF_8),
                JsonNode.class);
        boolean changed;
        if (EventTypes.ORGANISATION_CHANGED.equals(envelope.type())) {
            EventEnvelope<OrganisationState> event = typed(envelope, OrganisationState.class);
            OrganisationState o = event.data();
            if (o.id() == null || o.name() == null) {
                throw incomplete(envelope, "organisation");
            }
            changed = directory.applyOrganisation(event);
        } else if (EventTypes.USER_CHANGED.equals(envelope.type())) {
            EventEnvelope<UserState> event = typed(envelope, UserState.class);
            UserState u = event.data();
            if (u.id() == null || u.subject() == null || u.subject().isBlank() || u.organisationId() == null) {
                throw incomplete(envelope, "user");
            }
            changed = directory.applyUser(event);
        } else {
            LOG.debugf("Skipping %s at %s-%d@%d: not an identity change this service keeps", envelope.type(),
                    record.topic(), record.partition(), record.offset());
            return;
        }
        if (changed) {
            applied.incrementAndGet();
        }
    }

    /** The envelope with its data read as {@code type}; a permanent failure (dead letter) if it has none or another shape. */
    private static <T> EventEnvelope<T> typed(EventEnvelope<JsonNode> envelope, Class<T> type) {
        if (envelope.data() == null || envelope.data().isNull()) {
            throw new BoundedRetry.PermanentFailure("event " + envelope.id() + " carries no data", null);
        }
        T data;
        try {
            data = EventJson.mapper().treeToValue(envelope.data(), type);
        } catch (JsonProcessingException e) {
            throw new EventJson.MalformedEventException("not a valid " + type.getSimpleName() + " event: "
                    + e.getOriginalMessage(), e);
        }
        return new EventEnvelope<>(envelope.specversion(), envelope.id(), envelope.type(), envelope.source(),
                envelope.subject(), envelope.time(), envelope.datacontenttype(), envelope.aggregateVersion(),
                envelope.epoch(), data);
    }

    private static BoundedRetry.PermanentFailure incomplete(EventEnvelope<?> envelope, String what) {
        return new BoundedRetry.PermanentFailure("event " + envelope.id() + " is not a complete " + what + " state", null);
    }

    @Override
    public void close() throws InterruptedException {
        loop.close();
    }
}

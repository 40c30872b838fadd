package io.kechuang.testing;

import io.kechuang.events.EventEnvelope;
import io.kechuang.events.EventJson;
import io.kechuang.events.EventTypes;
import io.kechuang.events.Topics;
import io.kechuang.events.identity.OrganisationState;
import io.kechuang.events.identity.UserState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes organisations and users on {@code identity.v1} exactly as the gateway does (structured CloudEvents keyed
 * by the organisation's or user's id, at the state's version), for tests of services that keep a directory. Each
 * send waits for the broker's acknowledgement.
 */
public final class IdentityEvents implements AutoCloseable {

    private static final String SOURCE = "/services/gateway";

    private final String bootstrapServers;
    private final KafkaProducer<String, String> producer;

    public IdentityEvents(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    /**
     * Creates {@code identity.v1} (compacted) if it is missing, for a service under test that does not produce it and
     * so never creates it itself; auto-created topics are never relied on.
     */
    public IdentityEvents ensureTopic() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(Topics.IDENTITY, Topics.IDENTITY_SPEC.partitions(), (short) 1)
                    .configs(Topics.IDENTITY_SPEC.configs()))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + Topics.IDENTITY, e);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + Topics.IDENTITY, e);
        }
        return this;
    }

    public RecordMetadata publish(OrganisationState o) {
        String key = o.id().toString();
        return send(key, EventJson.write(EventEnvelope.of(EventTypes.ORGANISATION_CHANGED, SOURCE, key, o.version(), o)));
    }

    public RecordMetadata publish(UserState u) {
        String key = u.id().toString();
        return send(key, EventJson.write(EventEnvelope.of(EventTypes.USER_CHANGED, SOURCE, key, u.version(), u)));
    }

    /** Any record on the topic, e.g. a poison one for a test of the consumer's dead letters. */
    public RecordMetadata send(String key, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.IDENTITY, key, value);
        record.headers().add("content-type", EventEnvelope.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        try {
            return producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + Topics.IDENTITY, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}

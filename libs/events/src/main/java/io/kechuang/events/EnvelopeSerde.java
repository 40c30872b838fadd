package io.kechuang.events;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka (de)serialisers for envelopes, built on {@link EventJson}. */
public final class EnvelopeSerde {

    private EnvelopeSerde() {
    }

    public static final class EnvelopeSerializer implements Serializer<EventEnvelope<?>> {
        @Override
        public byte[] serialize(String topic, EventEnvelope<?> envelope) {
            return envelope == null ? null : EventJson.write(envelope).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Deserialises envelopes with a fixed payload type; subclass per payload for use in Kafka configuration. */
    public static class EnvelopeDeserializer<T> implements Deserializer<EventEnvelope<T>> {
        private final Class<T> dataType;

        public EnvelopeDeserializer(Class<T> dataType) {
            this.dataType = dataType;
        }

        @Override
        public EventEnvelope<T> deserialize(String topic, byte[] bytes) {
            return bytes == null ? null : EventJson.read(new String(bytes, StandardCharsets.UTF_8), dataType);
        }
    }
}

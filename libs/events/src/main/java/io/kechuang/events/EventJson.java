package io.kechuang.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON codec for events, shared by producers and consumers so both sides agree on dates, nulls and
 * unknown fields. Unknown properties are ignored so that adding a field to a payload is a compatible change.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private EventJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(EventEnvelope<?> envelope) {
        try {
            return MAPPER.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event cannot be serialised: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads an envelope whose {@code data} is of the given payload type. */
    public static <T> EventEnvelope<T> read(String json, Class<T> dataType) {
        JavaType type = MAPPER.getTypeFactory().constructParametricType(EventEnvelope.class, dataType);
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new MalformedEventException("not a valid " + dataType.getSimpleName() + " event: " + e.getMessage(), e);
        }
    }

    /** Raised for a record that is not a well-formed event; consumers route it to their dead-letter topic. */
    public static final class MalformedEventException extends UncheckedIOException {
        public MalformedEventException(String message, IOException cause) {
            super(message, cause);
        }
    }
}

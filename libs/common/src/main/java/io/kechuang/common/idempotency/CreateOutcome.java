package io.kechuang.common.idempotency;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.function.Function;

/** The result of an idempotent create: either freshly made, or the stored first response to the same key. */
public sealed interface CreateOutcome<T> {

    record Fresh<T>(T value) implements CreateOutcome<T> {
    }

    record Replayed<T>(StoredResponse response) implements CreateOutcome<T> {
    }

    static <T> CreateOutcome<T> fresh(T value) {
        return new Fresh<>(value);
    }

    static <T> CreateOutcome<T> replayed(StoredResponse response) {
        return new Replayed<>(response);
    }

    /** The HTTP answer: {@code fresh} builds it from a new result; a replay repeats the stored first response. */
    default Response toResponse(Function<? super T, Response> fresh) {
        return switch (this) {
            case Fresh<T> made -> fresh.apply(made.value());
            case Replayed<T> again -> replay(again.response());
        };
    }

    /** The stored response, byte for byte, marked with {@code Idempotent-Replayed: true}. */
    static Response replay(StoredResponse stored) {
        Response.ResponseBuilder builder = Response.status(stored.status())
                .header("Idempotent-Replayed", "true")
                .type("application/json")
                .entity(stored.body());
        if (stored.location() != null) {
            builder.location(URI.create(stored.location()));
        }
        return builder.build();
    }
}

package io.kechuang.listing;

import java.util.function.Consumer;

/**
 * A move of a listing to another status.
 *
 * @param action what the owner asks for, e.g. {@code open}; the status machine must allow it, and a 409 lists it
 * @param target the status after the move
 * @param eventType the one event the move emits
 * @param alsoChange what else changes with the move, e.g. the time it was published or the reason it was closed
 */
public record Transition<E extends Listing, S extends Enum<S>>(String action, S target, String eventType,
        Consumer<E> alsoChange) {

    public static <E extends Listing, S extends Enum<S>> Transition<E, S> to(S target, String action, String eventType) {
        return new Transition<>(action, target, eventType, listing -> {
        });
    }

    /** The same move, changing more. */
    public Transition<E, S> also(Consumer<E> change) {
        return new Transition<>(action, target, eventType, alsoChange.andThen(change));
    }
}

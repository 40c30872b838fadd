package io.kechuang.listing;

/**
 * How a kind of listing leaves the market by itself once its day has passed ({@link ExpiryJob}).
 *
 * @param dueIdsSql native SQL selecting the ids of listings due as of {@code ?1} (a date), in processing order
 * @param move the move the expiry job makes; it needs no owner and no allowed action
 */
public record Expiry<E extends Listing, S extends Enum<S>>(String dueIdsSql, Transition<E, S> move) {
}

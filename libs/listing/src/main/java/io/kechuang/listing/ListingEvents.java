package io.kechuang.listing;

/**
 * Where a kind of listing's events go, and the event types that are not a status change of their own.
 *
 * @param topic the service's compacted topic, keyed by listing id
 * @param updated emitted by an edit of a listing on the market (drafts never emit)
 * @param resynced a listing republished as it is by a resync ({@link ListingResync})
 * @param removed a key the topic knows that the database no longer has on the market, announced by a resync
 */
public record ListingEvents(String topic, String updated, String resynced, String removed) {
}

/**
 * The listing kernel: what universities (achievements) and enterprises (demands) put on the market, and the rules
 * every kind follows, written once in {@link io.kechuang.listing.ListingService}. A service's own service class
 * extends it, owns its transactions, and declares what is particular to its kind through abstract methods: how a
 * request changes the entity ({@code apply}), what a caller sees ({@code view}, by
 * {@link io.kechuang.listing.Disclosure}), what its events carry ({@code state}) and what it needs before going public
 * ({@code readiness}), plus its status machine ({@link io.kechuang.listing.lifecycle.StatusMachine}), its own moves
 * ({@link io.kechuang.listing.Transition}), its {@link io.kechuang.listing.ListingEvents} and its
 * {@link io.kechuang.listing.Expiry}.
 * <p>
 * Owns: the shared columns ({@link io.kechuang.listing.Listing}, a JPA mapped superclass: both services' tables have
 * these columns), the shared parts of requests and views ({@link io.kechuang.listing.ListingRequest},
 * {@link io.kechuang.listing.ListingView}, {@link io.kechuang.listing.ContactInput}), visibility and
 * confidentiality, ownership, optimistic concurrency, readiness before going public, one outbox event per public
 * change in the same transaction, idempotent creates, CSV imports, expiry safe with several replicas
 * ({@link io.kechuang.listing.ExpiryJob}), and the admin's resync after a database rollback
 * ({@link io.kechuang.listing.ListingResync}, {@link io.kechuang.listing.EventEpoch},
 * {@link io.kechuang.listing.ListingResyncResource}; tables {@code event_epoch} and {@code resync_run} from the
 * Flyway location {@code db/resync}, shipped in this jar), and who may request, decide and read under consent and
 * NDAs ({@link io.kechuang.listing.consent}, served by {@link io.kechuang.listing.ListingConsentResource}).
 * <p>
 * Must not: know any one kind of listing (no achievement or demand type, field or event here), open its own
 * transactions for the services' operations (the service class declares them), or decide HTTP statuses beyond the
 * problems it throws (resources do). Depends on libs/common and libs/events only.
 */
package io.kechuang.listing;

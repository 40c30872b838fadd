/**
 * Listings: what universities (achievements) and enterprises (demands) put on the market. Every kind shares the
 * {@link io.kechuang.listing.Listing} columns and follows the same rules, implemented once in
 * {@link io.kechuang.listing.Listings}: visibility and confidentiality, ownership, optimistic concurrency, a
 * status machine with a 409 that lists what is allowed, readiness before going public, one outbox event per public
 * change, idempotent creates, CSV imports, and expiry that is safe with several replicas
 * ({@link io.kechuang.listing.ExpiryJob}). What a caller sees of a listing is a
 * {@link io.kechuang.listing.Disclosure}: the public parts, the contact for an organisation introduced through
 * a match ({@code io.kechuang.listing.match}), or everything for the owner and admins. Moves the platform makes by
 * itself, such as reactions to match events, go through
 * {@link io.kechuang.listing.Listings#moveIfAllowed} and emit their events like any other move. A service
 * describes its kind once in a {@link io.kechuang.listing.ListingType} and adds its own status changes as
 * {@link io.kechuang.listing.Transition}s.
 */
package io.kechuang.listing;

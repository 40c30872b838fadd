/**
 * The demand's rules and transactions: {@link io.kechuang.demand.service.DemandService} extends the listing kernel's
 * {@code ListingService} (status machine, readiness to open, closing, the moves matches make) and is
 * {@code @Transactional}. Must not: import {@code rest} or build HTTP responses; it returns views and throws problems.
 */
package io.kechuang.demand.service;

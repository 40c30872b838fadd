/**
 * Status machines of listings: {@link io.kechuang.listing.lifecycle.StatusMachine} (where drafts start, which statuses
 * are on the market, whether a move enters it) over {@link io.kechuang.listing.lifecycle.AllowedActions} (what each
 * status allows, and the 409 that lists it). Plain Java with no CDI, JPA or I/O, so each service's transition table is
 * tested without starting anything. Must not: hold a kind's table (each service declares its own).
 */
package io.kechuang.listing.lifecycle;

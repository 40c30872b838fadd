/**
 * The only contract between Kechuang services. Every event travels as a CloudEvents 1.0 envelope
 * ({@link io.kechuang.events.EventEnvelope}) in structured JSON mode, keyed by aggregate id, on one of the
 * {@link io.kechuang.events.Topics}. {@code data} carries the full public state of the aggregate after the change
 * (event-carried state transfer) so a consumer can rebuild its view from a compacted topic alone; confidential
 * fields (contacts, inventors' personal data, demand details) never appear in it. Consumers compare
 * {@code aggregateVersion} with what they hold and ignore anything not newer.
 */
package io.kechuang.events;

package io.kechuang.events.taxonomy;

import java.math.BigDecimal;

/**
 * An amount in an ISO 4217 currency. In events a price is either an amount or {@code negotiable} (面议), or both
 * (a reference price open to negotiation).
 */
public record Money(BigDecimal amount, String currency) {
}

package io.kechuang.events.demand;

import java.math.BigDecimal;

/** What the enterprise is prepared to spend, in an ISO 4217 currency; either bound may be absent. */
public record Budget(BigDecimal min, BigDecimal max, String currency) {
}

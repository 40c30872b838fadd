package io.kechuang.listing;

import java.time.LocalDate;

/** A kind of listing that leaves the market by itself once a day has passed; the {@link ExpiryJob} calls it. */
public interface ExpiringListings {

    /**
     * Expires listings due before {@code today}, at most {@code limit} of them, in one transaction of its own.
     *
     * @return how many it expired
     */
    int expireDue(LocalDate today, int limit);
}

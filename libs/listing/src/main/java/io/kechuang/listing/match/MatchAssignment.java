package io.kechuang.listing.match;

import java.util.Objects;
import java.util.UUID;

/**
 * Who works on a match of one of the service's listings after a newer state of it was recorded: fired (a synchronous
 * CDI event) by {@link MatchLinks#apply} inside the transaction that records the state, so that what depends on the
 * assignment (the consent a broker was given through it) changes, or not, together with it.
 *
 * @param live false once the match is declined or expired: nobody works on it any more
 * @param brokerSubject the assigned broker's user id, null while nobody is assigned
 * @param brokerOrgId the broker's organisation where the event names one
 */
public record MatchAssignment(UUID matchId, UUID listingId, boolean live, String brokerSubject, UUID brokerOrgId) {

    /** Whether this assignment is still that of the broker {@code subject} of {@code org}, on a live match. */
    public boolean stillAssigns(String subject, UUID org) {
        return live && brokerSubject != null && brokerSubject.equals(subject)
                && (brokerOrgId == null || Objects.equals(brokerOrgId, org));
    }
}

package io.kechuang.listing.match;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which consent a newer state of a match keeps: only that of the broker it still names, while it is live. */
class MatchAssignmentTest {

    private final UUID brokerage = UUID.randomUUID();

    @Test
    void theSameBrokerOnALiveMatchKeepsItsConsent() {
        assertTrue(assignment(true, "broker.wang", brokerage).stillAssigns("broker.wang", brokerage));
        // an event without the broker's organisation names the broker by subject alone, as MatchLinks#assignedTo does
        assertTrue(assignment(true, "broker.wang", null).stillAssigns("broker.wang", brokerage));
    }

    @Test
    void anotherBrokerAnEndedMatchOrNobodyLapsesIt() {
        assertFalse(assignment(true, "broker.zhao", brokerage).stillAssigns("broker.wang", brokerage));
        assertFalse(assignment(true, "broker.wang", UUID.randomUUID()).stillAssigns("broker.wang", brokerage));
        assertFalse(assignment(false, "broker.wang", brokerage).stillAssigns("broker.wang", brokerage));
        assertFalse(assignment(true, null, null).stillAssigns("broker.wang", brokerage));
    }

    private static MatchAssignment assignment(boolean live, String subject, UUID org) {
        return new MatchAssignment(UUID.randomUUID(), UUID.randomUUID(), live, subject, org);
    }
}

package io.kechuang.listing.consent;

import io.kechuang.events.EventTypes;
import io.kechuang.events.access.AccessStatus;

/** What the owner decides on an access request: the action (its name in the API and the 409), and where it leads. */
public enum AccessDecision {
    GRANT("grant", AccessStatus.GRANTED, EventTypes.ACCESS_GRANTED),
    REFUSE("refuse", AccessStatus.REFUSED, EventTypes.ACCESS_REFUSED),
    REVOKE("revoke", AccessStatus.REVOKED, EventTypes.ACCESS_REVOKED);

    final String action;
    final AccessStatus target;
    final String eventType;

    AccessDecision(String action, AccessStatus target, String eventType) {
        this.action = action;
        this.target = target;
        this.eventType = eventType;
    }
}

package io.kechuang.matching.match;

import io.kechuang.common.security.Caller;
import io.kechuang.common.security.Roles;
import java.util.UUID;

/**
 * Who acted on a match, as recorded in the audit trail.
 *
 * @param role the capacity they acted in: BROKER, ADMIN, ENTERPRISE, UNIVERSITY, or SYSTEM for automatic changes
 */
public record Actor(String subject, UUID orgId, String role) {

    public static final Actor SYSTEM = new Actor("system", null, "SYSTEM");

    public static Actor of(Caller caller, String role) {
        return new Actor(caller.subject(), caller.orgId(), role);
    }

    /** The most specific capacity of a caller: admin, broker, or the party role. */
    public static Actor of(Caller caller) {
        String role = caller.isAdmin() ? Roles.ADMIN
                : caller.hasRole(Roles.BROKER) ? Roles.BROKER
                : caller.hasRole(Roles.ENTERPRISE) ? Roles.ENTERPRISE
                : caller.hasRole(Roles.UNIVERSITY) ? Roles.UNIVERSITY : "OTHER";
        return of(caller, role);
    }
}

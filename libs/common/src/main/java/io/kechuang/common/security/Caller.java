package io.kechuang.common.security;

import io.kechuang.events.taxonomy.OrgType;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling, read from the verified JWT: subject, organisation, organisation type and roles. Object-level
 * checks in the services are written against this, never against raw claims.
 */
public record Caller(String subject, UUID orgId, OrgType orgType, Set<String> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return hasRole(Roles.ADMIN);
    }

    public boolean belongsTo(UUID organisation) {
        return orgId != null && orgId.equals(organisation);
    }
}

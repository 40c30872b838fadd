package io.kechuang.gateway.identity.service;

import io.kechuang.common.security.Roles;
import io.kechuang.events.taxonomy.OrgType;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which roles an account may hold, given its organisation's type. A role is what the services authorise on, so an
 * enterprise account must never carry {@code UNIVERSITY}, and only the platform's own organisation has admins.
 */
public final class RoleRules {

    public static final List<String> ALL = List.of(Roles.UNIVERSITY, Roles.ENTERPRISE, Roles.BROKER, Roles.PARTNER,
            Roles.ADMIN);

    private static final Map<String, Set<OrgType>> HELD_BY = Map.of(
            Roles.UNIVERSITY, EnumSet.of(OrgType.UNIVERSITY, OrgType.RESEARCH_INSTITUTE),
            Roles.ENTERPRISE, EnumSet.of(OrgType.ENTERPRISE),
            Roles.BROKER, EnumSet.of(OrgType.BROKERAGE, OrgType.PLATFORM),
            Roles.PARTNER, EnumSet.of(OrgType.PARTNER),
            Roles.ADMIN, EnumSet.of(OrgType.PLATFORM));

    /**
     * Roles that only read: the platform's services let them change nothing. An API client's other roles reach its
     * tokens only once an admin grants it write.
     */
    public static final Set<String> READ_ONLY = Set.of(Roles.PARTNER);

    private RoleRules() {
    }

    /** The read-only ones among {@code roles}. */
    public static Set<String> readOnly(Set<String> roles) {
        Set<String> out = new java.util.LinkedHashSet<>(roles);
        out.retainAll(READ_ONLY);
        return out;
    }

    public static boolean known(String role) {
        return HELD_BY.containsKey(role);
    }

    /** Whether an account of an organisation of {@code type} may hold {@code role}. */
    public static boolean allowed(String role, OrgType type) {
        Set<OrgType> types = HELD_BY.get(role);
        return types != null && types.contains(type);
    }

    /** The organisation types that may hold {@code role}, for error messages. */
    public static Set<OrgType> heldBy(String role) {
        return HELD_BY.getOrDefault(role, Set.of());
    }
}

package io.kechuang.gateway.identity.mapping;

import io.kechuang.events.identity.OrganisationState;
import io.kechuang.events.identity.UserState;
import io.kechuang.gateway.identity.ApiClient;
import io.kechuang.gateway.identity.Organisation;
import io.kechuang.gateway.identity.UserAccount;
import io.kechuang.gateway.identity.api.ClientView;
import io.kechuang.gateway.identity.api.OrganisationView;
import io.kechuang.gateway.identity.api.UserView;
import io.kechuang.gateway.identity.api.WriteGrant;
import java.util.Set;
import java.util.TreeSet;

/** Entity to API model and to identity.v1 state. Hashes and credit codes never reach an event. */
public final class IdentityMapper {

    private IdentityMapper() {
    }

    public static OrganisationView view(Organisation o) {
        return new OrganisationView(o.id, o.name, o.type, o.regionCode, o.creditCode, o.enabled, o.version,
                o.createdAt);
    }

    /** What identity.v1 carries of an organisation: no credit code. */
    public static OrganisationState state(Organisation o) {
        return new OrganisationState(o.id, o.name, o.type, o.regionCode, o.enabled, o.version, o.updatedAt);
    }

    /** What identity.v1 carries of a user: no password hash, no contact. */
    public static UserState state(UserAccount u) {
        return new UserState(u.id, u.username, u.organisationId, u.displayName, sorted(u.roles), u.lead, u.enabled,
                u.version, u.updatedAt);
    }

    public static UserView view(UserAccount u) {
        return new UserView(u.id, u.username, u.displayName, u.organisationId, sorted(u.roles), u.lead, u.enabled,
                u.version, u.createdAt);
    }

    public static ClientView view(ApiClient c) {
        WriteGrant grant = c.writeGranted() ? new WriteGrant(c.writeGrantedBy, c.writeGrantedAt) : null;
        return new ClientView(c.id, c.clientId, c.name, c.organisationId, sorted(c.roles), sorted(c.tokenRoles()),
                grant, c.rateLimit, c.enabled, c.createdAt);
    }

    private static Set<String> sorted(Set<String> roles) {
        return new TreeSet<>(roles);
    }
}

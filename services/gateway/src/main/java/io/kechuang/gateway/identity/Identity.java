package io.kechuang.gateway.identity;

import io.kechuang.events.taxonomy.OrgType;
import java.util.Set;
import java.util.UUID;

/**
 * Who a token is issued for: a user or an API client that has just proven who it is.
 *
 * @param subject the username or client id: the token's {@code sub} and {@code upn}
 * @param organisationId the token's {@code org}
 * @param orgType the token's {@code orgType}
 * @param roles the token's {@code groups}
 */
public record Identity(String subject, UUID organisationId, OrgType orgType, Set<String> roles) {

    public Identity {
        roles = Set.copyOf(roles);
    }
}

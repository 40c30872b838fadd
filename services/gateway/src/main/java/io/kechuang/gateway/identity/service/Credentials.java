package io.kechuang.gateway.identity.service;

import io.kechuang.gateway.identity.ApiClient;
import io.kechuang.gateway.identity.Identity;
import io.kechuang.gateway.identity.Organisation;
import io.kechuang.gateway.identity.UserAccount;
import io.kechuang.gateway.identity.api.UserRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Checks a username and password, or a client id and secret. Unknown, disabled (the account or its organisation) and
 * wrong all look the same to the caller, and all cost one bcrypt check. No transaction is held while bcrypt runs.
 */
@ApplicationScoped
public class Credentials {

    @Inject
    Secrets secrets;

    public Optional<Identity> user(String username, String password) {
        UserAccount user = UserAccount.find("username", UserRequest.normalise(username)).firstResult();
        boolean usable = user != null && user.enabled;
        if (!secrets.matches(password, usable ? user.passwordHash : null)) {
            return Optional.empty();
        }
        return identity(user.username, user.organisationId, user.roles);
    }

    public Optional<Identity> client(String clientId, String secret) {
        ApiClient client = ApiClient.find("clientId", clientId).firstResult();
        boolean usable = client != null && client.enabled;
        if (!secrets.matches(secret, usable ? client.secretHash : null)) {
            return Optional.empty();
        }
        return identity(client.clientId, client.organisationId, client.tokenRoles());
    }

    private static Optional<Identity> identity(String subject, java.util.UUID orgId, java.util.Set<String> roles) {
        Organisation org = Organisation.findById(orgId);
        return org == null || !org.enabled ? Optional.empty()
                : Optional.of(new Identity(subject, org.id, org.type, roles));
    }
}

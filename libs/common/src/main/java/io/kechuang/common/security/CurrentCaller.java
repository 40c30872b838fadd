package io.kechuang.common.security;

import io.kechuang.events.taxonomy.OrgType;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The {@link Caller} of the current request, read once from the verified JWT. A token that verifies but lacks a
 * well-formed {@code org} or {@code orgType} claim is invalid (401): every platform token carries both.
 */
@RequestScoped
public class CurrentCaller {

    @Inject
    JsonWebToken jwt;

    private Caller caller;

    public Caller get() {
        if (caller == null) {
            caller = read();
        }
        return caller;
    }

    private Caller read() {
        if (jwt == null || jwt.getRawToken() == null) {
            throw new UnauthorizedException();
        }
        Object org = jwt.getClaim("org");
        Object orgType = jwt.getClaim("orgType");
        try {
            return new Caller(jwt.getSubject(), UUID.fromString(String.valueOf(org)),
                    OrgType.valueOf(String.valueOf(orgType)), jwt.getGroups());
        } catch (IllegalArgumentException e) {
            throw new AuthenticationFailedException("token lacks a valid org or orgType claim");
        }
    }
}

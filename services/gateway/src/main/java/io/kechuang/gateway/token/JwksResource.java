package io.kechuang.gateway.token;

import io.smallrye.common.annotation.NonBlocking;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The public keys as a JWK set. Every service verifies tokens against this URL and fetches it again when a token
 * names a key id it has not seen, so keys can rotate without touching the services. Cached for five minutes.
 */
@Path("/.well-known")
@Tag(name = "Sign-in (登录与令牌)")
public class JwksResource {

    static final String CACHE_CONTROL = "public, max-age=300";

    @Inject
    SigningKeys keys;

    @GET
    @Path("jwks.json")
    @Produces(MediaType.APPLICATION_JSON)
    @NonBlocking
    @Operation(operationId = "getWellKnownJwks", summary = "Token verification keys (JWK set)",
            description = "RS256 public keys. The current signing key, plus the previous one after a rotation until "
                    + "its tokens have expired. Keys are named by kid (their RFC 7638 thumbprint).")
    @APIResponse(responseCode = "200", description = "The JWK set")
    public Response wellKnown() {
        return Response.ok(keys.jwks()).header("Cache-Control", CACHE_CONTROL).build();
    }
}

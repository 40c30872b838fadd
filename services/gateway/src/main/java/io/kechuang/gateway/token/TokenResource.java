package io.kechuang.gateway.token;

import io.kechuang.common.problem.Problem;
import io.kechuang.common.security.Caller;
import io.kechuang.common.security.CurrentCaller;
import io.kechuang.gateway.identity.api.PasswordChange;
import io.kechuang.gateway.identity.service.Passwords;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/auth")
@Tag(name = "Sign-in (登录与令牌)", description = "OAuth2 tokens for users (password grant) and partner portals (client credentials)")
public class TokenResource {

    @Inject
    TokenService tokens;

    @Inject
    CurrentCaller caller;

    @Inject
    JsonWebToken jwt;

    @Inject
    SigningKeys keys;

    @Inject
    Passwords passwords;

    @POST
    @Path("/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "issueToken", summary = "Get an access token (OAuth2)",
            description = "Form-encoded. grant_type=password with username and password, for people; "
                    + "grant_type=client_credentials with client_id and client_secret (form fields or HTTP Basic), for "
                    + "programs such as partner portals. The token is an RS256 JWT valid for expires_in seconds "
                    + "(15 minutes by default); there is no refresh token: sign in again, or ask for a new client "
                    + "credentials token, when it runs out. Repeated failures for one account or from one address "
                    + "are throttled (429 with Retry-After).")
    @APIResponse(responseCode = "200", description = "A bearer token",
            content = @Content(schema = @Schema(implementation = IssuedToken.class)))
    @APIResponse(responseCode = "400", description = "invalid_request, unsupported_grant_type, or invalid_grant (wrong "
            + "username or password)", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "invalid_grant",
                            value = "{\"type\":\"https://kechuang.io/problems/invalid-grant\",\"title\":\"Sign-in failed\","
                                    + "\"status\":400,\"detail\":\"Wrong username or password\",\"error\":\"invalid_grant\","
                                    + "\"error_description\":\"Wrong username or password\"}")))
    @APIResponse(responseCode = "401", description = "invalid_client: unknown client or wrong secret",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many failed sign-ins; see Retry-After",
            headers = @Header(name = "Retry-After", description = "Seconds to wait",
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response token(
            @Parameter(description = "password or client_credentials", example = "password")
            @FormParam("grant_type") String grantType,
            @FormParam("username") String username,
            @FormParam("password") String password,
            @FormParam("client_id") String clientId,
            @FormParam("client_secret") String clientSecret,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @Context HttpServerRequest request) {
        String address = address(request);
        IssuedToken issued = switch (grantType == null ? "" : grantType) {
            case "password" -> tokens.password(username, password, address);
            case "client_credentials" -> {
                String[] client = clientCredentials(authorization, clientId, clientSecret);
                yield tokens.clientCredentials(client[0], client[1], address);
            }
            case "" -> throw OAuthErrors.invalidRequest("grant_type is required");
            default -> throw OAuthErrors.unsupportedGrantType(grantType);
        };
        Response.ResponseBuilder response = Response.ok(issued);
        OAuthErrors.NO_STORE.forEach(response::header);
        return response.build();
    }

    @GET
    @Path("/me")
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "jwt")
    @Operation(operationId = "getCurrentCaller",
            summary = "Who am I", description = "What the gateway and every service read from your token. "
            + "Verified like a service verifies it: against the gateway's published JWK set.")
    @APIResponse(responseCode = "200", description = "The token's identity",
            content = @Content(schema = @Schema(implementation = Me.class)))
    @APIResponse(responseCode = "401", description = "No token or an invalid one",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Me me() {
        Caller c = caller.get();
        return new Me(c.subject(), c.orgId(), c.orgType().name(), c.roles(), Instant.ofEpochSecond(jwt.getExpirationTime()));
    }

    @PUT
    @Path("/password")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @SecurityRequirement(name = "jwt")
    @Operation(operationId = "changePassword", summary = "Change your own password",
            description = "For users (people who sign in with the password grant); API clients have a secret "
                    + "instead, which an admin replaces. The current password must be given: a wrong one is a "
                    + "failed sign-in of this account, counted together with those at POST /auth/token (5 within 15 "
                    + "minutes, then 429 with Retry-After; not counted against the caller's address). "
                    + "The old password stops working at once; tokens already issued expire within their lifetime. "
                    + "Nothing is published on identity.v1. An admin sets a new password for a user who lost theirs "
                    + "with PUT /api/admin/users/{id}/password.")
    @APIResponse(responseCode = "204", description = "Changed")
    @APIResponse(responseCode = "400", description = "currentPassword is missing or wrong, or newPassword is missing, "
            + "shorter than 12 characters or longer than 72 bytes in UTF-8",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No token or an invalid one",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller is an API client, not a user",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many failed sign-ins; see Retry-After",
            headers = @Header(name = "Retry-After", description = "Seconds to wait",
                    schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void changePassword(@NotNull @Valid PasswordChange change) {
        passwords.change(caller.get().subject(), change);
    }

    @GET
    @Path("/jwks")
    @Produces(MediaType.APPLICATION_JSON)
    @NonBlocking
    @Operation(operationId = "getJwks",
            summary = "Token verification keys (JWK set), the same as /.well-known/jwks.json")
    @APIResponse(responseCode = "200", description = "The JWK set")
    public Response jwks() {
        return Response.ok(keys.jwks()).header("Cache-Control", JwksResource.CACHE_CONTROL).build();
    }

    /** The identity a token carries. */
    @Schema(name = "Me")
    public record Me(String subject, UUID organisationId, String orgType, Set<String> roles, Instant expiresAt) {
    }

    /** The client's address, the one sign-in attempts are counted against. */
    private static String address(HttpServerRequest request) {
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().host();
    }

    /**
     * Client id and secret from HTTP Basic (RFC 6749 section 2.3.1: each form-url-encoded, then Base64) or from the
     * form, never both.
     */
    private static String[] clientCredentials(String authorization, String formId, String formSecret) {
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            if (formId != null || formSecret != null) {
                throw OAuthErrors.invalidRequest("send the client credentials either in the Authorization header or "
                        + "in the form, not both");
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw OAuthErrors.invalidClient();
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw OAuthErrors.invalidClient();
            }
            return new String[] {URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        }
        return new String[] {formId, formSecret};
    }
}

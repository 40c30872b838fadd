package io.kechuang.gateway.identity.rest;

import io.kechuang.gateway.identity.api.ClientCredentials;
import io.kechuang.gateway.identity.api.ClientRequest;
import io.kechuang.gateway.identity.api.ClientView;
import io.kechuang.gateway.identity.api.EnabledChange;
import io.kechuang.common.http.QueryParams;
import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.problem.Problem;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.common.security.CurrentCaller;
import io.kechuang.common.security.Roles;
import io.kechuang.gateway.identity.service.IdentityService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/admin/clients")
@Tag(name = AdminApi.TAG, description = AdminApi.TAG_DESCRIPTION)
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No token or an invalid token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The caller is not an admin",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ClientResource {

    static final String BASE = "/api/admin/clients";

    @Inject
    IdentityService identities;

    @Inject
    CurrentCaller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "registerClient", summary = "Register an API client",
            description = "A program that signs in with client_credentials, such as a partner portal (role PARTNER, "
                    + "organisation of type PARTNER: read access to public listings, search and its own "
                    + "entitlements). Every client starts read-only: its tokens carry only its read-only roles "
                    + "(PARTNER) until an admin grants write (grantClientWrite). The secret is in this response only. A taken client id is a 409; a retry of a "
                    + "lost response is not replayed, because the gateway never stores the secret: reset it instead.")
    @APIResponse(responseCode = "201", description = "Registered; keep the secret",
            content = @Content(schema = @Schema(implementation = ClientCredentials.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, unknown organisation or unsuitable roles",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The client id is taken (by a client or a user)")
    public Response create(@NotNull @Valid ClientRequest request) {
        ClientCredentials created = identities.createClient(request);
        return Response.created(URI.create(BASE + "/" + created.client().id())).entity(created)
                .header("Cache-Control", "no-store").build();
    }

    @GET
    @Operation(operationId = "listClients",
            summary = "List API clients", description = "Oldest first, at most 100 a page. Secrets are never shown.")
    @APIResponse(responseCode = "200", description = "One page")
    public Page<ClientView> list(
            @Parameter(description = "Only clients of this organisation") @QueryParam("organisationId") String organisationId,
            @BeanParam @Valid PageRequest page) {
        return identities.clients(QueryParams.uuid("organisationId", organisationId), page);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getClient", summary = "Get an API client")
    @APIResponse(responseCode = "200", description = "The client",
            content = @Content(schema = @Schema(implementation = ClientView.class)))
    @APIResponse(responseCode = "404", description = "No such client")
    public ClientView get(@PathParam("id") UUID id) {
        return identities.client(id).orElseThrow(() -> ProblemException.notFound("Client", id));
    }

    @PUT
    @Path("/{id}/enabled")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setClientEnabled", summary = "Enable or disable an API client",
            description = "A disabled client gets no new tokens; tokens already issued expire within their lifetime.")
    @APIResponse(responseCode = "200", description = "The client",
            content = @Content(schema = @Schema(implementation = ClientView.class)))
    @APIResponse(responseCode = "404", description = "No such client")
    public ClientView enable(@PathParam("id") UUID id, @NotNull @Valid EnabledChange change) {
        return identities.setClientEnabled(id, change.enabled())
                .orElseThrow(() -> ProblemException.notFound("Client", id));
    }

    @PUT
    @Path("/{id}/write-grant")
    @Operation(operationId = "grantClientWrite", summary = "Let an API client write",
            description = "A client is read-only until this call: its tokens carry only its read-only roles "
                    + "(PARTNER). Afterwards they carry all its roles, and the client's record shows who granted "
                    + "write and when. Tokens already issued keep their roles until they expire (15 minutes).")
    @APIResponse(responseCode = "200", description = "The client, with its write grant",
            content = @Content(schema = @Schema(implementation = ClientView.class)))
    @APIResponse(responseCode = "404", description = "No such client")
    @APIResponse(responseCode = "409", description = "The client has only read-only roles: nothing to grant",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ClientView grantWrite(@PathParam("id") UUID id) {
        return identities.setClientWriteGrant(id, true, caller.get())
                .orElseThrow(() -> ProblemException.notFound("Client", id));
    }

    @DELETE
    @Path("/{id}/write-grant")
    @Operation(operationId = "revokeClientWrite", summary = "Make an API client read-only again",
            description = "New tokens carry only its read-only roles; tokens already issued expire within 15 minutes.")
    @APIResponse(responseCode = "200", description = "The client, without a write grant",
            content = @Content(schema = @Schema(implementation = ClientView.class)))
    @APIResponse(responseCode = "404", description = "No such client")
    public ClientView revokeWrite(@PathParam("id") UUID id) {
        return identities.setClientWriteGrant(id, false, caller.get())
                .orElseThrow(() -> ProblemException.notFound("Client", id));
    }

    @POST
    @Path("/{id}/secret")
    @Operation(operationId = "issueClientSecret",
            summary = "Issue a new client secret", description = "The old secret stops working at once.")
    @APIResponse(responseCode = "200", description = "The new secret, shown once",
            content = @Content(schema = @Schema(implementation = ClientCredentials.class)))
    @APIResponse(responseCode = "404", description = "No such client")
    public Response resetSecret(@PathParam("id") UUID id) {
        ClientCredentials reset = identities.resetSecret(id).orElseThrow(() -> ProblemException.notFound("Client", id));
        return Response.ok(reset).header("Cache-Control", "no-store").build();
    }
}

package io.kechuang.gateway.identity.rest;

import io.kechuang.gateway.identity.api.EnabledChange;
import io.kechuang.gateway.identity.api.OrganisationRequest;
import io.kechuang.gateway.identity.api.OrganisationView;
import io.kechuang.common.http.QueryParams;
import io.kechuang.common.idempotency.CreateOutcome;
import io.kechuang.common.idempotency.Idempotency;
import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.problem.Problem;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.common.security.CurrentCaller;
import io.kechuang.common.security.Roles;
import io.kechuang.events.taxonomy.OrgType;
import io.kechuang.gateway.identity.service.IdentityService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

@Path("/api/admin/organisations")
@Tag(name = AdminApi.TAG, description = AdminApi.TAG_DESCRIPTION)
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No token or an invalid token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The caller is not an admin",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class OrganisationResource {

    static final String BASE = IdentityService.ORGANISATIONS;

    @Inject
    IdentityService identities;

    @Inject
    CurrentCaller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "registerOrganisation", summary = "Register an organisation",
            description = "Universities, institutes, enterprises, brokerages and partner portals are organisations; "
                    + "users and API clients belong to one. Retries with the same Idempotency-Key return the first "
                    + "response. The organisation is published on identity.v1 (without its credit code).")
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(schema = @Schema(implementation = OrganisationView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, each one listed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The id or credit code is taken")
    public Response create(
            @Parameter(description = "Makes retries safe: same key, same first response")
            @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            @NotNull @Valid OrganisationRequest request) {
        CreateOutcome<OrganisationView> outcome = identities.createOrganisation(caller.get(), request, idempotencyKey);
        return outcome.toResponse(view -> Response.created(URI.create(BASE + "/" + view.id())).entity(view).build());
    }

    @GET
    @Operation(operationId = "listOrganisations",
            summary = "List organisations", description = "Oldest first, at most 100 a page.")
    @APIResponse(responseCode = "200", description = "One page")
    public Page<OrganisationView> list(
            @Parameter(description = "Only this type, e.g. UNIVERSITY") @QueryParam("type") String type,
            @BeanParam @Valid PageRequest page) {
        return identities.organisations(QueryParams.enumOf("type", type, OrgType.class), page);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getOrganisation", summary = "Get an organisation")
    @APIResponse(responseCode = "200", description = "The organisation",
            content = @Content(schema = @Schema(implementation = OrganisationView.class)))
    @APIResponse(responseCode = "404", description = "No such organisation")
    public OrganisationView get(@PathParam("id") UUID id) {
        return identities.organisation(id).orElseThrow(() -> ProblemException.notFound("Organisation", id));
    }

    @PUT
    @Path("/{id}/enabled")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setOrganisationEnabled", summary = "Enable or disable an organisation",
            description = "A disabled organisation's users and API clients get no new tokens (tokens already issued "
                    + "expire within their lifetime), and the matching service assigns no match to its brokers. "
                    + "The platform's own organisation cannot be disabled.")
    @APIResponse(responseCode = "200", description = "The organisation",
            content = @Content(schema = @Schema(implementation = OrganisationView.class)))
    @APIResponse(responseCode = "404", description = "No such organisation")
    @APIResponse(responseCode = "409", description = "The platform's own organisation cannot be disabled",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public OrganisationView enable(@PathParam("id") UUID id, @NotNull @Valid EnabledChange change) {
        return identities.setOrganisationEnabled(id, change.enabled())
                .orElseThrow(() -> ProblemException.notFound("Organisation", id));
    }
}

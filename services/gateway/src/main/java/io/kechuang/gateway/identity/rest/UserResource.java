package io.kechuang.gateway.identity.rest;

import io.kechuang.gateway.identity.api.EnabledChange;
import io.kechuang.gateway.identity.api.LeadChange;
import io.kechuang.gateway.identity.api.PasswordReset;
import io.kechuang.gateway.identity.api.UserRequest;
import io.kechuang.gateway.identity.api.UserView;
import io.kechuang.common.http.QueryParams;
import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.problem.Problem;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.common.security.CurrentCaller;
import io.kechuang.common.security.Roles;
import io.kechuang.gateway.identity.service.IdentityService;
import io.kechuang.gateway.identity.service.Passwords;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
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

@Path("/api/admin/users")
@Tag(name = AdminApi.TAG, description = AdminApi.TAG_DESCRIPTION)
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No token or an invalid token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The caller is not an admin",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class UserResource {

    static final String BASE = "/api/admin/users";

    @Inject
    IdentityService identities;

    @Inject
    Passwords passwords;

    @Inject
    CurrentCaller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createUser", summary = "Create a user",
            description = "A person who signs in with the password grant. Roles must suit the organisation's type: "
                    + "UNIVERSITY for universities and institutes, ENTERPRISE for enterprises, BROKER for brokerages "
                    + "(and the platform), ADMIN for the platform. A broker of a brokerage may be made a lead "
                    + "(lead: true). A taken username is a 409, so retries are safe. The user is published on "
                    + "identity.v1 (without the password).")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400",
            description = "Invalid fields, unknown organisation, unsuitable roles, or lead for a user who is not a "
                    + "broker of a brokerage",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The username is taken (by a user or an API client)")
    public Response create(@NotNull @Valid UserRequest request) {
        UserView view = identities.createUser(request);
        return Response.created(URI.create(BASE + "/" + view.id())).entity(view).build();
    }

    @GET
    @Operation(operationId = "listUsers", summary = "List users", description = "Oldest first, at most 100 a page.")
    @APIResponse(responseCode = "200", description = "One page")
    public Page<UserView> list(
            @Parameter(description = "Only users of this organisation") @QueryParam("organisationId") String organisationId,
            @BeanParam @Valid PageRequest page) {
        return identities.users(QueryParams.uuid("organisationId", organisationId), page);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getUser", summary = "Get a user")
    @APIResponse(responseCode = "200", description = "The user",
            content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "404", description = "No such user")
    public UserView get(@PathParam("id") UUID id) {
        return identities.user(id).orElseThrow(() -> ProblemException.notFound("User", id));
    }

    @PUT
    @Path("/{id}/enabled")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setUserEnabled", summary = "Enable or disable a user",
            description = "A disabled user cannot sign in; tokens already issued expire within their lifetime.")
    @APIResponse(responseCode = "200", description = "The user",
            content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "404", description = "No such user")
    public UserView enable(@PathParam("id") UUID id, @NotNull @Valid EnabledChange change) {
        return identities.setUserEnabled(id, change.enabled()).orElseThrow(() -> ProblemException.notFound("User", id));
    }

    @PUT
    @Path("/{id}/lead")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setUserLead", summary = "Make a broker a lead, or take it back",
            description = "A broker lead acts on the broker side of every match assigned to a broker of the same "
                    + "brokerage (notes, transitions, contract, decline). The lead is a flag on identity.v1, not a "
                    + "token group: the matching service learns it from there within seconds, and tokens do not "
                    + "change. Only a user with the role BROKER of a BROKERAGE organisation can lead; taking the "
                    + "flag back is always allowed.")
    @APIResponse(responseCode = "200", description = "The user",
            content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", description = "lead is missing, or the user is not a broker of a brokerage",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such user")
    public UserView lead(@PathParam("id") UUID id, @NotNull @Valid LeadChange change) {
        return identities.setUserLead(id, change.lead()).orElseThrow(() -> ProblemException.notFound("User", id));
    }

    @PUT
    @Path("/{id}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "resetUserPassword", summary = "Set a new password for a user",
            description = "For a user who lost theirs, or whose password must not be used any more: the old password "
                    + "stops working at once; tokens already issued expire within their lifetime. The password is "
                    + "never returned, logged or published: identity.v1 carries nothing for this change, since "
                    + "nothing public about the user changed (the version stays). Users change their own password "
                    + "with PUT /auth/password.")
    @APIResponse(responseCode = "200", description = "The user",
            content = @Content(schema = @Schema(implementation = UserView.class)))
    @APIResponse(responseCode = "400", description = "password is missing, shorter than 12 characters or longer "
            + "than 72 bytes in UTF-8",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such user")
    public UserView resetPassword(@PathParam("id") UUID id, @NotNull @Valid PasswordReset reset) {
        return passwords.reset(id, reset, caller.get().subject())
                .orElseThrow(() -> ProblemException.notFound("User", id));
    }
}

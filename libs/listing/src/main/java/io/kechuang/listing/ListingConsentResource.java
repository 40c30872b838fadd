package io.kechuang.listing;

import io.kechuang.common.http.QueryParams;
import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.problem.Problem;
import io.kechuang.common.security.CurrentCaller;
import io.kechuang.common.security.Roles;
import io.kechuang.events.access.AccessStatus;
import io.kechuang.listing.consent.AccessDecision;
import io.kechuang.listing.consent.AccessRequestInput;
import io.kechuang.listing.consent.AccessRequestView;
import io.kechuang.listing.consent.NdaAcceptanceInput;
import io.kechuang.listing.consent.NdaAcceptanceView;
import io.kechuang.listing.consent.NdaInput;
import io.kechuang.listing.consent.NdaView;
import io.kechuang.listing.consent.Ndas;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Consent to disclose, and NDAs, on a listing service's collection: a service declares it by extending this class
 * with the collection's {@code @Path} (the same as its main resource's), its tag and its own {@link ListingService}.
 * Who may call what is decided by {@link ListingService}; this class only maps HTTP. Operation ids name the kind
 * through the {@code {Listing}} placeholder ({@code StandardResponses}); request bodies are never logged.
 */
public abstract class ListingConsentResource {

    private static final String STATUS = "Only requests in this status";
    private static final String SINCE = "Only records changed at or after this instant, ISO 8601: a portal that was "
            + "away resyncs with the time of its last successful read";

    @Inject
    CurrentCaller caller;

    /** The service whose listings this resource serves. */
    protected abstract ListingService<?, ?, ?, ?> service();

    @POST
    @Path("/{id}/access-requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.BROKER)
    @Operation(operationId = "request{Listing}Access", summary = "Request access to the confidential parts (申请查阅)",
            description = "The broker assigned to a live match of the listing asks its owner to read what the listing "
                    + "keeps from the public: CONTACT (any listing), DETAILS (a demand's confidential details). "
                    + "Being assigned discloses nothing by itself. Emits kechuang.access.requested. A broker not "
                    + "assigned to that match gets 403; a second request of the same broker through the same match "
                    + "while one is pending, or for scopes a live grant already covers, gets 409 naming it "
                    + "(pendingRequestId / grantedRequestId).")
    @APIResponse(responseCode = "201", description = "Requested (PENDING); Location names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AccessRequestView.class),
                    examples = @ExampleObject(name = "pending", value = ConsentExamples.PENDING)))
    @APIResponse(responseCode = "409", description = "A request of the caller through this match is pending, or "
            + "already granted", content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(implementation = Problem.class)))
    public Response requestAccess(@PathParam("id") UUID id,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
                    @ExampleObject(name = "details-and-contact", value = ConsentExamples.REQUEST),
                    @ExampleObject(name = "contact", value = ConsentExamples.REQUEST_CONTACT)}))
            @NotNull @Valid AccessRequestInput input) {
        AccessRequestView view = service().requestAccess(caller.get(), id, input);
        return Response.created(UriBuilder.fromPath(service().location(id)).path("access-requests")
                .path(view.id().toString()).build()).entity(view).build();
    }

    @GET
    @Path("/{id}/access-requests")
    @Operation(operationId = "list{Listing}AccessRequests", summary = "Access requests of a listing (查阅申请)",
            description = "Newest change first. The owning organisation and admins see every request, with its "
                    + "grant, refusal, revocation or lapse; a broker sees its own. Anyone else gets 404.")
    @APIResponse(responseCode = "200", description = "One page of requests")
    public Page<AccessRequestView> listAccessRequests(@PathParam("id") UUID id,
            @Parameter(description = STATUS, schema = @Schema(implementation = AccessStatus.class))
            @QueryParam("status") String status,
            @Parameter(description = SINCE, schema = @Schema(type = SchemaType.STRING, format = "date-time"),
                    example = "2026-12-01T00:00:00Z") @QueryParam("updatedSince") String updatedSince,
            @Valid @BeanParam PageRequest page) {
        return service().accessRequests(caller.get(), id, QueryParams.enumOf("status", status, AccessStatus.class),
                QueryParams.timestamp("updatedSince", updatedSince), page);
    }

    @GET
    @Path("/access-requests")
    @Operation(operationId = "listAll{Listing}AccessRequests", summary = "Access requests across listings",
            description = "Newest change first: for an owner, the requests on every listing of its organisation (e.g. "
                    + "status=PENDING, what awaits a decision); for a broker, its own requests; for admins, all.")
    @APIResponse(responseCode = "200", description = "One page of requests")
    public Page<AccessRequestView> listAllAccessRequests(
            @Parameter(description = STATUS, schema = @Schema(implementation = AccessStatus.class))
            @QueryParam("status") String status,
            @Parameter(description = SINCE, schema = @Schema(type = SchemaType.STRING, format = "date-time"),
                    example = "2026-12-01T00:00:00Z") @QueryParam("updatedSince") String updatedSince,
            @Valid @BeanParam PageRequest page) {
        return service().allAccessRequests(caller.get(), QueryParams.enumOf("status", status, AccessStatus.class),
                QueryParams.timestamp("updatedSince", updatedSince), page);
    }

    @GET
    @Path("/{id}/access-requests/{requestId}")
    @Operation(operationId = "get{Listing}AccessRequest", summary = "Read an access request",
            description = "For the owning organisation, admins and the requesting broker; 404 for anyone else.")
    @APIResponse(responseCode = "200", description = "The request", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccessRequestView.class),
            examples = @ExampleObject(name = "granted", value = ConsentExamples.GRANTED)))
    public AccessRequestView getAccessRequest(@PathParam("id") UUID id, @PathParam("requestId") UUID requestId) {
        return service().accessRequest(caller.get(), id, requestId);
    }

    @POST
    @Path("/{id}/access-requests/{requestId}/grant")
    @Operation(operationId = "grant{Listing}Access", summary = "Grant access (同意)",
            description = "PENDING → GRANTED, by the owning organisation or an admin: the broker reads what the "
                    + "request names, through this match assignment only, once it accepted any NDA the listing "
                    + "requires; every read is audited. Emits kechuang.access.granted. Brokers get 403, others 404.")
    @APIResponse(responseCode = "200", description = "Granted", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccessRequestView.class),
            examples = @ExampleObject(name = "granted", value = ConsentExamples.GRANTED)))
    @APIResponse(responseCode = "409", description = "Not pending; allowedTransitions lists what its status allows",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "illegal", value = ConsentExamples.ILLEGAL_DECISION)))
    public AccessRequestView grant(@PathParam("id") UUID id, @PathParam("requestId") UUID requestId) {
        return service().decideAccess(caller.get(), id, requestId, AccessDecision.GRANT);
    }

    @POST
    @Path("/{id}/access-requests/{requestId}/refuse")
    @Operation(operationId = "refuse{Listing}Access", summary = "Refuse access (拒绝)",
            description = "PENDING → REFUSED, final, by the owning organisation or an admin. Emits "
                    + "kechuang.access.refused.")
    @APIResponse(responseCode = "200", description = "Refused",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AccessRequestView.class)))
    @APIResponse(responseCode = "409", description = "Not pending; allowedTransitions lists what its status allows")
    public AccessRequestView refuse(@PathParam("id") UUID id, @PathParam("requestId") UUID requestId) {
        return service().decideAccess(caller.get(), id, requestId, AccessDecision.REFUSE);
    }

    @POST
    @Path("/{id}/access-requests/{requestId}/revoke")
    @Operation(operationId = "revoke{Listing}Access", summary = "Revoke a grant (撤回)",
            description = "GRANTED → REVOKED, final, by the owning organisation or an admin: from now on the broker "
                    + "sees the public parts again (what it read before stays in the audit). Emits "
                    + "kechuang.access.revoked.")
    @APIResponse(responseCode = "200", description = "Revoked",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AccessRequestView.class)))
    @APIResponse(responseCode = "409", description = "Not granted; allowedTransitions lists what its status allows")
    public AccessRequestView revoke(@PathParam("id") UUID id, @PathParam("requestId") UUID requestId) {
        return service().decideAccess(caller.get(), id, requestId, AccessDecision.REVOKE);
    }

    @GET
    @Path("/{id}/nda")
    @Operation(operationId = "get{Listing}Nda", summary = "Read the NDA (保密协议)",
            description = "The current terms, for the owning organisation, admins, the broker assigned to a live "
                    + "match and organisations introduced through a match; required=false when none is required. "
                    + "acceptedByCaller tells the broker or counterpart whether it has accepted the current version.")
    @APIResponse(responseCode = "200", description = "The NDA", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NdaView.class),
            examples = @ExampleObject(name = "required", value = ConsentExamples.NDA_VIEW)))
    public NdaView getNda(@PathParam("id") UUID id) {
        return service().nda(caller.get(), id);
    }

    @PUT
    @Path("/{id}/nda")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "require{Listing}Nda", summary = "Require an NDA (new version)",
            description = "By the owning organisation or an admin: the terms become a new version (1, 2, …), "
                    + "current at once. Until the assigned broker accepts it, a grant discloses nothing; until a user "
                    + "of an introduced organisation accepts it, that organisation does not see the contact. Emits "
                    + "kechuang.nda.required with the terms' SHA-256, never their text.")
    @APIResponse(responseCode = "200", description = "The new version", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NdaView.class),
            examples = @ExampleObject(name = "required", value = ConsentExamples.NDA_VIEW)))
    public NdaView requireNda(@PathParam("id") UUID id,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
                    @ExampleObject(name = "zh", value = ConsentExamples.NDA_ZH),
                    @ExampleObject(name = "en", value = ConsentExamples.NDA_EN)})) @NotNull @Valid NdaInput input) {
        return service().requireNda(caller.get(), id, input);
    }

    @DELETE
    @Path("/{id}/nda")
    @Operation(operationId = "drop{Listing}Nda", summary = "Stop requiring an NDA",
            description = "By the owning organisation or an admin; emits kechuang.nda.dropped if one was required.")
    @APIResponse(responseCode = "204", description = "No NDA is required now")
    public void dropNda(@PathParam("id") UUID id) {
        service().dropNda(caller.get(), id);
    }

    @POST
    @Path("/{id}/nda/acceptances")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "accept{Listing}Nda", summary = "Accept the NDA (签署)",
            description = "The broker assigned to a live match (for itself, capacity BROKER) or a user of an "
                    + "organisation introduced through a match (for that organisation, COUNTERPART) accepts exactly "
                    + "the current version; the platform records who, which version and when, and emits "
                    + "kechuang.nda.accepted. A stale version gets 409 naming the current one (currentVersion); a "
                    + "repeat answers 200 with the first acceptance.")
    @APIResponse(responseCode = "201", description = "Accepted", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NdaAcceptanceView.class),
            examples = @ExampleObject(name = "broker", value = ConsentExamples.ACCEPTANCE)))
    @APIResponse(responseCode = "200", description = "Accepted before: the first acceptance",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = NdaAcceptanceView.class)))
    @APIResponse(responseCode = "409", description = "No NDA is required, or the version is not the current one",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "stale", value = ConsentExamples.STALE_VERSION)))
    public Response acceptNda(@PathParam("id") UUID id,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    examples = @ExampleObject(name = "version", value = ConsentExamples.ACCEPT)))
            @NotNull @Valid NdaAcceptanceInput input) {
        Ndas.Accepted accepted = service().acceptNda(caller.get(), id, input);
        return Response.status(accepted.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(accepted.acceptance()).build();
    }

    @GET
    @Path("/{id}/nda/acceptances")
    @Operation(operationId = "list{Listing}NdaAcceptances", summary = "Who accepted the NDA (签署记录)",
            description = "Who accepted which version, when, in which capacity and through which match; newest first. "
                    + "For the owning organisation and admins.")
    @APIResponse(responseCode = "200", description = "One page of acceptances")
    @APIResponse(responseCode = "403", description = "The caller sees the listing but does not own it")
    public Page<NdaAcceptanceView> listNdaAcceptances(@PathParam("id") UUID id,
            @Parameter(description = SINCE, schema = @Schema(type = SchemaType.STRING, format = "date-time"),
                    example = "2026-12-01T00:00:00Z") @QueryParam("updatedSince") String updatedSince,
            @Valid @BeanParam PageRequest page) {
        return service().ndaAcceptances(caller.get(), id, QueryParams.timestamp("updatedSince", updatedSince), page);
    }
}

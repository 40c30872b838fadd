package io.kechuang.demand.rest;

import io.kechuang.common.http.QueryParams;
import io.kechuang.common.http.Versions;
import io.kechuang.common.idempotency.Idempotency;
import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.problem.Problem;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.common.security.CurrentCaller;
import io.kechuang.common.security.Roles;
import io.kechuang.common.validation.RegionCode;
import io.kechuang.demand.api.CloseRequest;
import io.kechuang.demand.api.DemandRequest;
import io.kechuang.demand.api.DemandView;
import io.kechuang.demand.service.DemandFilter;
import io.kechuang.demand.service.DemandService;
import io.kechuang.events.demand.DemandStatus;
import io.kechuang.events.taxonomy.TechnicalField;
import io.kechuang.listing.csv.ImportJob;
import io.kechuang.listing.match.BrokerRead;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.LocalDate;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The demand API. Demands on the market are readable by every signed-in caller; the owning enterprise changes its
 * own. The error answers every operation shares (401, 403, 404, 412, 428, ...) are documented by
 * {@code StandardResponses}; the examples are {@link ApiExamples}, referred to by name. Request bodies are never
 * logged: they carry confidential details and contacts.
 */
@Path("/api/demands")
@Tag(name = "Demands (技术需求)", description = "Enterprises post the technical problems they want solved")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class DemandResource {

    @Inject
    DemandService demands;

    @Inject
    CurrentCaller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ENTERPRISE)
    @Operation(operationId = "createDemand", summary = "Post a draft demand (草稿)",
            description = "A DRAFT of the caller's enterprise; only the title is required until it opens. Drafts are "
                    + "private and emit no event.")
    @APIResponse(responseCode = "201", description = "Created; Location names it, ETag holds its version",
            content = @Content(schema = @Schema(implementation = DemandView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, every one listed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@HeaderParam(Idempotency.HEADER) String idempotencyKey,
            @RequestBody(content = @Content(examples = {@ExampleObject(name = "zh", ref = "demand-zh"),
                    @ExampleObject(name = "en", ref = "demand-en")})) @NotNull @Valid DemandRequest request) {
        return demands.create(caller.get(), request, idempotencyKey).toResponse(view ->
                Versions.created(URI.create(demands.location(view.id())), view, view.version()));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getDemand", summary = "Read a demand",
            description = "OPEN and IN_NEGOTIATION demands are readable by every signed-in caller, without confidential "
                    + "details, contact and closing comment. Drafts and demands off the market are readable only by "
                    + "the owning enterprise and admins. An organisation introduced to the demand through a match "
                    + "(INTRODUCED or later) also gets the contact, even once the demand is off the market, once one of "
                    + "its users accepted any NDA the enterprise requires. The broker assigned to a live match of the "
                    + "demand gets the confidential details and the contact only as far as the enterprise granted its "
                    + "access request (and once it accepted any NDA), and each such read is audited (see "
                    + "confidential-reads).")
    @APIResponse(responseCode = "200", description = "The demand; ETag holds its version",
            content = @Content(schema = @Schema(implementation = DemandView.class), examples = {
                    @ExampleObject(name = "zh", ref = "demand-view-zh"), @ExampleObject(name = "en", ref = "demand-view-en")}))
    public Response read(@PathParam("id") UUID id) {
        return withEtag(demands.read(caller.get(), id));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ENTERPRISE)
    @Operation(operationId = "replaceDemand", summary = "Replace a demand",
            description = "In DRAFT, OPEN or IN_NEGOTIATION, at the version named by If-Match. A demand on the market "
                    + "must stay complete, and the change emits kechuang.demand.updated.")
    @APIResponse(responseCode = "200", description = "Replaced; ETag holds the new version",
            content = @Content(schema = @Schema(implementation = DemandView.class)))
    @APIResponse(responseCode = "409", description = "Closed, expired or fulfilled demands are final")
    public Response replace(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @RequestBody(content = @Content(examples = {@ExampleObject(name = "zh", ref = "demand-zh"),
                    @ExampleObject(name = "en", ref = "demand-en")})) @NotNull @Valid DemandRequest request) {
        return withEtag(demands.replace(caller.get(), id, ifMatch, request));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ENTERPRISE)
    @Operation(operationId = "deleteDemand",
            summary = "Discard a draft", description = "Only drafts; a demand that was on the market is closed instead.")
    @APIResponse(responseCode = "204", description = "Gone")
    @APIResponse(responseCode = "409", description = "Not a draft",
            content = @Content(examples = @ExampleObject(name = "illegal", ref = "demand-illegal-transition")))
    public void discard(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        demands.delete(caller.get(), id, ifMatch);
    }

    @POST
    @Path("/{id}/open")
    @RolesAllowed(Roles.ENTERPRISE)
    @Operation(operationId = "openDemand", summary = "Open to the market (发布)",
            description = "DRAFT → OPEN; emits kechuang.demand.opened. Needs a problem statement, keywords, a technical "
                    + "field, a deadline after today, a currency for any budget, a region, a contact with phone or "
                    + "email, and at least one cooperation mode.")
    @APIResponse(responseCode = "200", description = "Open", content = @Content(schema = @Schema(implementation = DemandView.class)))
    @APIResponse(responseCode = "400", description = "Incomplete: every missing field listed",
            content = @Content(examples = @ExampleObject(name = "incomplete", ref = "demand-incomplete")))
    @APIResponse(responseCode = "409", description = "Not a draft; allowedTransitions lists what the state allows",
            content = @Content(examples = @ExampleObject(name = "illegal", ref = "demand-illegal-transition")))
    public Response open(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return withEtag(demands.open(caller.get(), id, ifMatch));
    }

    @POST
    @Path("/{id}/negotiate")
    @RolesAllowed(Roles.ENTERPRISE)
    @Operation(operationId = "negotiateDemand", summary = "Mark in negotiation (洽谈中)",
            description = "OPEN → IN_NEGOTIATION while the enterprise talks to a provider; it stays on the market. "
                    + "Emits kechuang.demand.in-negotiation.")
    @APIResponse(responseCode = "200", description = "In negotiation",
            content = @Content(schema = @Schema(implementation = DemandView.class)))
    @APIResponse(responseCode = "409", description = "Not open")
    public Response negotiate(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return withEtag(demands.startNegotiation(caller.get(), id, ifMatch));
    }

    @POST
    @Path("/{id}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ENTERPRISE)
    @Operation(operationId = "closeDemand", summary = "Close (关闭)",
            description = "OPEN or IN_NEGOTIATION → CLOSED, final. The reason is public and travels in "
                    + "kechuang.demand.closed; the comment (required for OTHER) stays with the owner.")
    @APIResponse(responseCode = "200", description = "Closed", content = @Content(schema = @Schema(implementation = DemandView.class)))
    @APIResponse(responseCode = "409", description = "Not on the market")
    public Response close(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @RequestBody(content = @Content(examples = {@ExampleObject(name = "zh", ref = "demand-close-zh"),
                    @ExampleObject(name = "en", ref = "demand-close-en")})) @NotNull @Valid CloseRequest closing) {
        return withEtag(demands.close(caller.get(), id, ifMatch, closing));
    }

    @POST
    @Path("/{id}/fulfil")
    @RolesAllowed(Roles.ENTERPRISE)
    @Operation(operationId = "fulfilDemand", summary = "Mark fulfilled (已解决)",
            description = "OPEN or IN_NEGOTIATION → FULFILLED, final, e.g. once a contract is signed. Emits "
                    + "kechuang.demand.fulfilled.")
    @APIResponse(responseCode = "200", description = "Fulfilled",
            content = @Content(schema = @Schema(implementation = DemandView.class)))
    @APIResponse(responseCode = "409", description = "Not on the market")
    public Response fulfil(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return withEtag(demands.markFulfilled(caller.get(), id, ifMatch));
    }

    @GET
    @Operation(operationId = "listDemands", summary = "Browse demands",
            description = "Newest change first. Callers see the demands on the market and their own enterprise's in any "
                    + "state; admins see all. Confidential parts appear only on the caller's own demands.")
    @APIResponse(responseCode = "200", description = "One page")
    public Page<DemandView> browse(
            @Parameter(description = "Owning organisation id") @QueryParam("owner") String owner,
            @Parameter(schema = @Schema(implementation = DemandStatus.class)) @QueryParam("status") String status,
            @Parameter(schema = @Schema(implementation = TechnicalField.class)) @QueryParam("field") String field,
            @Parameter(description = "GB/T 2260 code; a province (510000) or city (510100) includes the codes within it",
                    example = "510000") @QueryParam("region") String region,
            @Parameter(description = "Deadline on or after this day", example = "2027-01-01") @QueryParam("deadlineFrom")
            String deadlineFrom,
            @Parameter(description = "Deadline on or before this day", example = "2027-06-30") @QueryParam("deadlineTo")
            String deadlineTo,
            @Parameter(description = "Only records changed at or after this instant, ISO 8601: a portal that was away "
                    + "resyncs with the time of its last successful read",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"), example = "2026-11-01T00:00:00Z")
            @QueryParam("updatedSince") String updatedSince,
            @Valid @BeanParam PageRequest page) {
        LocalDate from = QueryParams.date("deadlineFrom", deadlineFrom);
        LocalDate to = QueryParams.date("deadlineTo", deadlineTo);
        if (from != null && to != null && from.isAfter(to)) {
            throw ProblemException.validation("deadlineTo", "must not be before deadlineFrom");
        }
        return demands.list(caller.get(), new DemandFilter(QueryParams.uuid("owner", owner),
                QueryParams.enumOf("status", status, DemandStatus.class),
                QueryParams.enumOf("field", field, TechnicalField.class),
                QueryParams.matching("region", region, RegionCode.PATTERN, "must be a 6-digit GB/T 2260 region code"),
                from, to, QueryParams.timestamp("updatedSince", updatedSince)), page);
    }

    @POST
    @Path("/import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed(Roles.ENTERPRISE)
    @Operation(operationId = "importDemands", summary = "Bulk import from CSV (a job)",
            description = "UTF-8 with a header row, at most 5,000 rows; the columns are those of the template, lists "
                    + "separated by ';'. The file is checked whole first: a bad header, no rows, too many rows or "
                    + "broken CSV is a 400 naming the field (header or file) and stores nothing. Otherwise it is stored "
                    + "and answered at once with 202 and the job's Location (/api/demands/imports/{id}); the rows are "
                    + "imported in the background, in batches that each commit their rows and events together. Valid "
                    + "rows become drafts, or open straight away with open=true when complete; each invalid row is "
                    + "reported with every bad column and imports nothing. A retry with the same Idempotency-Key "
                    + "answers 202 with the same job as it is now (Idempotent-Replayed: true).")
    @APIResponse(responseCode = "202", description = "Accepted; Location is the job to follow", content = @Content(
            schema = @Schema(implementation = ImportJob.class),
            examples = @ExampleObject(name = "job", ref = "demand-import-job")))
    @APIResponse(responseCode = "400", description = "Bad header, no rows, too many rows or not CSV")
    public Response importCsv(@Parameter(description = "Open valid rows straight away (true or false)",
            schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) @QueryParam("open") String open,
            @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            @RequestBody(content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "zh+en", ref = "demand-import-csv"))) String csv) {
        return demands.importCsv(caller.get(), csv, QueryParams.bool("open", open, false), idempotencyKey)
                .toResponse(job -> Response.accepted(job).location(URI.create(demands.importLocation(job.id()))).build());
    }

    @GET
    @Path("/import/template")
    @Produces("text/csv")
    @Operation(operationId = "getDemandImportTemplate",
            summary = "CSV template", description = "Every import column and an example row (UTF-8 with a BOM for Excel).")
    @APIResponse(responseCode = "200", description = "The template",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    public Response template() {
        return Response.ok(demands.importTemplate())
                .header("Content-Disposition", "attachment; filename=\"demands-template.csv\"").build();
    }

    @GET
    @Path("/{id}/confidential-reads")
    @Operation(operationId = "listDemandConfidentialReads", summary = "Who read the confidential details (审计)",
            description = "Every read of the demand's confidential details and contact by a broker assigned to one of "
                    + "its matches, under the enterprise's grant: who, when, through which match; newest first. For the "
                    + "owning enterprise and admins. The requests and grants themselves are at access-requests, NDA "
                    + "acceptances at nda/acceptances.")
    @APIResponse(responseCode = "200", description = "One page of reads")
    @APIResponse(responseCode = "403", description = "The caller sees the demand but does not own it")
    public Page<BrokerRead> confidentialReads(@PathParam("id") UUID id, @Valid @BeanParam PageRequest page) {
        return demands.confidentialReads(caller.get(), id, page);
    }

    /** 200 with the demand and its version as ETag. */
    private static Response withEtag(DemandView view) {
        return Versions.ok(view, view.version());
    }
}

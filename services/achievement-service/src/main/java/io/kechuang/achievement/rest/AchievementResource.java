package io.kechuang.achievement.rest;

import io.kechuang.achievement.api.AchievementRequest;
import io.kechuang.achievement.api.AchievementView;
import io.kechuang.achievement.api.StatusChange;
import io.kechuang.achievement.csv.AchievementCsv;
import io.kechuang.achievement.service.AchievementFilter;
import io.kechuang.achievement.service.AchievementService;
import io.kechuang.common.http.QueryParams;
import io.kechuang.common.http.Versions;
import io.kechuang.common.idempotency.Idempotency;
import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.problem.Problem;
import io.kechuang.common.security.CurrentCaller;
import io.kechuang.common.security.Roles;
import io.kechuang.events.achievement.AchievementStatus;
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

@Path("/api/achievements")
@Tag(name = "Achievements (科技成果)", description = "Universities and institutes publish what they can transfer or license")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@APIResponse(responseCode = "401", description = "No token or an invalid token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AchievementResource {

    @Inject
    AchievementService achievements;

    @Inject
    CurrentCaller caller;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.UNIVERSITY)
    @Operation(operationId = "createAchievement", summary = "Create a draft achievement",
            description = "Creates a DRAFT owned by the caller's organisation. Only the title is required for a draft. "
                    + "Retries with the same Idempotency-Key return the first response and create nothing new.")
    @APIResponse(responseCode = "201", description = "Created; ETag holds the version",
            content = @Content(schema = @Schema(implementation = AchievementView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields, each one listed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller is not a university or research institute user")
    @APIResponse(responseCode = "409", description = "Idempotency-Key reused for a different request")
    public Response create(
            @Parameter(description = "Makes retries safe: same key, same first response")
            @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
                    @ExampleObject(name = "zh", summary = "钙钛矿光伏封装（中文）", value = ApiExamples.CREATE_ZH),
                    @ExampleObject(name = "en", summary = "Industrial IoT anomaly detection (English)", value = ApiExamples.CREATE_EN)}))
            @NotNull @Valid AchievementRequest request) {
        return achievements.create(caller.get(), request, idempotencyKey).toResponse(view ->
                Versions.created(URI.create(achievements.location(view.id())), view, view.version()));
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getAchievement", summary = "Get an achievement",
            description = "Published achievements are visible to every authenticated caller. Drafts, contact and "
                    + "inventors are visible only to the owning organisation and admins; others get 404 for a "
                    + "record they may not see. An organisation introduced to the achievement through a match "
                    + "(INTRODUCED or later) also gets the contact, never the inventors, even once it is off the market, "
                    + "once one of its users accepted any NDA the owner requires. The broker assigned to a live match of "
                    + "the achievement (neither declined nor expired) gets the contact only once the owner granted its "
                    + "access request (and it accepted any NDA), and each such read is audited (see confidential-reads).")
    @APIResponse(responseCode = "200", description = "The achievement; ETag holds the version",
            content = @Content(schema = @Schema(implementation = AchievementView.class)))
    @APIResponse(responseCode = "404", description = "Unknown, or not visible to the caller")
    public Response read(@PathParam("id") UUID id) {
        return withEtag(achievements.read(caller.get(), id));
    }

    @GET
    @Path("/{id}/confidential-reads")
    @Operation(operationId = "listAchievementConfidentialReads", summary = "Who read the contact (审计)",
            description = "Every read of the achievement's contact by a broker assigned to one of its matches, under "
                    + "the owner's grant: who, when, through which match; newest first. For the owning organisation and "
                    + "admins. The requests and grants themselves are at access-requests, NDA acceptances at "
                    + "nda/acceptances.")
    @APIResponse(responseCode = "200", description = "One page of reads")
    @APIResponse(responseCode = "403", description = "The caller sees the achievement but does not own it")
    @APIResponse(responseCode = "404", description = "Unknown, or not visible to the caller")
    public Page<BrokerRead> confidentialReads(@PathParam("id") UUID id, @Valid @BeanParam PageRequest page) {
        return achievements.confidentialReads(caller.get(), id, page);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.UNIVERSITY)
    @Operation(operationId = "replaceAchievement", summary = "Replace an achievement",
            description = "Optimistic concurrency: send the ETag you read in If-Match. A published achievement stays "
                    + "published, must stay complete, and emits kechuang.achievement.updated.")
    @APIResponse(responseCode = "200", description = "Updated",
            content = @Content(schema = @Schema(implementation = AchievementView.class)))
    @APIResponse(responseCode = "409", description = "Not editable in its state (e.g. TRANSFERRED)")
    @APIResponse(responseCode = "412", description = "If-Match names an old version")
    @APIResponse(responseCode = "428", description = "If-Match missing")
    public Response replace(@PathParam("id") UUID id,
            @Parameter(description = "ETag of the version being replaced, e.g. \"3\"", required = true)
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = {
                    @ExampleObject(name = "zh", value = ApiExamples.CREATE_ZH),
                    @ExampleObject(name = "en", value = ApiExamples.CREATE_EN)}))
            @NotNull @Valid AchievementRequest request) {
        return withEtag(achievements.replace(caller.get(), id, ifMatch, request));
    }

    @POST
    @Path("/{id}/publish")
    @RolesAllowed(Roles.UNIVERSITY)
    @Operation(operationId = "publishAchievement",
            summary = "Publish", description = "DRAFT, WITHDRAWN or EXPIRED → PUBLISHED. The listing must be "
            + "complete (summary, keywords, field, IP type, TRL, stage, cooperation modes, price or negotiable, "
            + "region, contact). If-Match is optional here; when sent it must match.")
    @APIResponse(responseCode = "200", description = "Published; kechuang.achievement.published emitted",
            content = @Content(schema = @Schema(implementation = AchievementView.class)))
    @APIResponse(responseCode = "400", description = "Incomplete: every missing field listed")
    @APIResponse(responseCode = "409", description = "Not publishable from its state; allowedTransitions lists what is")
    public Response publish(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return withEtag(achievements.publish(caller.get(), id, ifMatch));
    }

    @POST
    @Path("/{id}/withdraw")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.UNIVERSITY)
    @Operation(operationId = "withdrawAchievement",
            summary = "Withdraw from the market", description = "PUBLISHED → WITHDRAWN, with an optional reason.")
    @APIResponse(responseCode = "200", description = "Withdrawn; kechuang.achievement.withdrawn emitted",
            content = @Content(schema = @Schema(implementation = AchievementView.class)))
    @APIResponse(responseCode = "409", description = "Not published")
    public Response withdraw(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid StatusChange change) {
        return withEtag(achievements.withdraw(caller.get(), id, ifMatch, change == null ? null : change.reason()));
    }

    @POST
    @Path("/{id}/transfer")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.UNIVERSITY)
    @Operation(operationId = "transferAchievement",
            summary = "Mark transferred", description = "PUBLISHED → TRANSFERRED (final), e.g. after a transfer contract.")
    @APIResponse(responseCode = "200", description = "Transferred; kechuang.achievement.transferred emitted",
            content = @Content(schema = @Schema(implementation = AchievementView.class)))
    @APIResponse(responseCode = "409", description = "Not published")
    public Response transfer(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid StatusChange change) {
        return withEtag(achievements.markTransferred(caller.get(), id, ifMatch, change == null ? null : change.reason()));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.UNIVERSITY)
    @Operation(operationId = "deleteAchievement",
            summary = "Delete a draft", description = "Only drafts can be deleted; published listings are withdrawn instead.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "Not a draft")
    public Response delete(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        achievements.delete(caller.get(), id, ifMatch);
        return Response.noContent().build();
    }

    @GET
    @Operation(operationId = "listAchievements", summary = "List achievements",
            description = "Newest change first. Callers see published achievements and their own organisation's "
                    + "records in any state; admins see everything. Use updatedSince to sync incrementally.")
    @APIResponse(responseCode = "200", description = "One page")
    public Page<AchievementView> list(
            @Parameter(description = "Owning organisation id") @QueryParam("owner") String owner,
            @Parameter(schema = @Schema(implementation = AchievementStatus.class)) @QueryParam("status") String status,
            @Parameter(description = "Technical field", schema = @Schema(implementation = TechnicalField.class))
            @QueryParam("field") String field,
            @Parameter(description = "Only records changed at or after this instant, ISO 8601: a portal that was away "
                    + "resyncs with the time of its last successful read",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"), example = "2026-11-01T00:00:00Z")
            @QueryParam("updatedSince") String updatedSince,
            @Valid @BeanParam PageRequest page) {
        AchievementFilter filter = new AchievementFilter(QueryParams.uuid("owner", owner),
                QueryParams.enumOf("status", status, AchievementStatus.class),
                QueryParams.enumOf("field", field, TechnicalField.class),
                QueryParams.timestamp("updatedSince", updatedSince));
        return achievements.list(caller.get(), filter, page);
    }

    @POST
    @Path("/import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed(Roles.UNIVERSITY)
    @Operation(operationId = "importAchievements", summary = "Bulk import from CSV (a job)",
            description = "UTF-8 with a header row, at most 5,000 rows. Columns: title, summary, description, keywords, "
                    + "technical_field, ipc_codes, ip_type, patents (number:STATUS), trl, stage, cooperation_modes, "
                    + "price_amount, price_currency, price_negotiable, advantages, application_scenarios, region, "
                    + "language, expires_on, contact_person, contact_phone, contact_email. Lists use ';'. The file is "
                    + "checked whole first: a bad header, no rows, too many rows or broken CSV is a 400 naming the "
                    + "field (header or file) and stores nothing. Otherwise it is stored and answered at once with 202 "
                    + "and the job's Location (/api/achievements/imports/{id}); the rows are imported in the "
                    + "background, in batches that each commit their rows and events together. Valid rows are "
                    + "imported as drafts (or published with publish=true); each invalid row is reported with every "
                    + "bad column and imports nothing. A retry with the same Idempotency-Key answers 202 with the same "
                    + "job as it is now (Idempotent-Replayed: true).")
    @APIResponse(responseCode = "202", description = "Accepted; Location is the job to follow",
            content = @Content(schema = @Schema(implementation = ImportJob.class)))
    @APIResponse(responseCode = "400", description = "Bad header, no rows, too many rows or not CSV")
    public Response importCsv(
            @Parameter(description = "Publish valid rows straight away (true or false)",
                    schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) @QueryParam("publish") String publish,
            @HeaderParam(Idempotency.HEADER) String idempotencyKey,
            @RequestBody(content = @Content(mediaType = "text/csv",
                    schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "zh", value = ApiExamples.IMPORT_CSV)))
            String csv) {
        return achievements.importCsv(caller.get(), csv, QueryParams.bool("publish", publish, false), idempotencyKey)
                .toResponse(job -> Response.accepted(job).location(URI.create(achievements.importLocation(job.id())))
                        .build());
    }

    @GET
    @Path("/import/template")
    @Produces("text/csv")
    @Operation(operationId = "getAchievementImportTemplate", summary = "CSV template",
            description = "The header row of the import format and one example row.")
    @APIResponse(responseCode = "200", description = "The template",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    public Response template() {
        String example = "一种玉米抗旱品种选育方法,选育出的品种在干旱条件下增产12%,,玉米;抗旱;育种,MODERN_AGRICULTURE,A01H,"
                + "PLANT_VARIETY,CNA20231234.5:GRANTED,7,SMALL_BATCH,LICENCE;TRANSFER,800000,CNY,false,耐旱;高产,"
                + "西南丘陵旱地,510100,zh,2027-12-31,王老师,028-85400001,ttc@example.edu.cn";
        return Response.ok(AchievementCsv.SCHEMA.template(example))
                .header("Content-Disposition", "attachment; filename=\"achievements-template.csv\"").build();
    }

    private static Response withEtag(AchievementView view) {
        return Versions.ok(view, view.version());
    }
}

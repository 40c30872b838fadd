package io.kechuang.matching.rest;

import io.kechuang.common.http.QueryParams;
import io.kechuang.common.http.Versions;
import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.problem.Problem;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.common.security.CurrentCaller;
import io.kechuang.events.match.MatchStatus;
import io.kechuang.events.taxonomy.TechnicalField;
import io.kechuang.matching.match.MatchSuggestion;
import io.kechuang.matching.workflow.BrokerQueue;
import io.kechuang.matching.workflow.Commands;
import io.kechuang.matching.match.MatchActivity;
import io.kechuang.matching.workflow.MatchStatistics;
import io.kechuang.matching.workflow.MatchWorkflow;
import io.kechuang.matching.scoring.ScoringConfig.Confidence;
import io.kechuang.matching.workflow.QueueFilter;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/matches")
@Tag(name = "Broker workflow (技术经理人)", description = "From suggestion to introduction, meeting and contract")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
@APIResponse(responseCode = "401", description = "No token or an invalid token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class WorkflowResource {

    @Inject
    MatchWorkflow workflow;

    @Inject
    BrokerQueue queue;

    @Inject
    MatchStatistics statistics;

    @Inject
    CurrentCaller caller;

    @Inject
    MatchViews views;

    /** The 403 of the broker side: the caller's role, or its authority over this match. */
    static final String NOT_YOURS = "Not a broker or an admin; or a broker who may see the match but not act on it: "
            + "it is assigned to another broker (the body names that broker's organisation, never the broker), or the "
            + "platform's directory does not know the caller as an enabled broker";

    @GET
    @Path("/queue")
    @Transactional
    @Operation(operationId = "listBrokerQueue", summary = "The broker review queue",
            description = "Open matches (or one status). Matches whose enterprise requested an introduction come first.")
    @APIResponse(responseCode = "403", description = "Not a broker or admin")
    @APIResponse(responseCode = "200", description = "One page of matches")
    public Page<MatchView> queue(@Parameter(schema = @Schema(implementation = MatchStatus.class)) @QueryParam("status") String status,
            @Parameter(schema = @Schema(implementation = TechnicalField.class)) @QueryParam("field") String field,
            @Parameter(description = "GB/T 2260 code; a province or city code matches everything under it") @QueryParam("region") String region,
            @Parameter(description = "Only matches scoring at least this") @QueryParam("minScore") @DefaultValue("0")
            @DecimalMin("0") @DecimalMax("1") double minScore,
            @Parameter(description = "Only this confidence band (STRONG, POSSIBLE or WEAK)",
                    schema = @Schema(implementation = Confidence.class)) @QueryParam("confidence") String confidence,
            @Parameter(description = "me, unassigned or any") @QueryParam("assigned") @DefaultValue("any") String assigned,
            @Parameter(description = "Only matches flagged because a side left the market (true or false)",
                    schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) @QueryParam("flagged") String flagged,
            @Parameter(description = "score, age or deadline") @QueryParam("sort") @DefaultValue("score") String sort,
            @Parameter(description = SuggestionResource.UPDATED_SINCE,
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"), example = "2026-11-01T00:00:00Z") @QueryParam("updatedSince") String updatedSince,
            @Valid @BeanParam PageRequest page) {
        if (region != null && !region.matches("\\d{6}")) {
            throw ProblemException.validation("region", "must be a 6-digit GB/T 2260 code such as 510100");
        }
        QueueFilter filter = new QueueFilter(QueryParams.enumOf("status", status, MatchStatus.class),
                QueryParams.enumOf("field", field, TechnicalField.class), region,
                SuggestionFilter.scoreBound("minScore", minScore),
                QueryParams.enumOf("confidence", confidence, Confidence.class),
                QueryParams.enumOf("assigned", assigned, QueueFilter.Assigned.class), QueryParams.bool("flagged", flagged, false),
                QueryParams.enumOf("sort", sort, QueueFilter.Sort.class),
                QueryParams.timestamp("updatedSince", updatedSince));
        return views.of(queue.queue(caller.get(), filter, page));
    }

    @GET
    @Transactional
    @Operation(operationId = "listOrganisationMatches",
            summary = "My organisation's matches", description = "Every match on either side of the caller's organisation, newest change first.")
    @APIResponse(responseCode = "200", description = "One page of matches")
    public Page<MatchView> mine(@Parameter(schema = @Schema(implementation = MatchStatus.class)) @QueryParam("status") String status,
            @Parameter(description = SuggestionResource.UPDATED_SINCE,
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"), example = "2026-11-01T00:00:00Z") @QueryParam("updatedSince") String updatedSince,
            @Valid @BeanParam PageRequest page) {
        return views.of(queue.mine(caller.get(), QueryParams.enumOf("status", status, MatchStatus.class),
                QueryParams.timestamp("updatedSince", updatedSince), page));
    }

    @GET
    @Path("/stats")
    @Transactional
    @Operation(operationId = "getMatchStatistics",
            summary = "Statistics", description = "Counts by status, field, region and month, the conversion funnel, "
            + "contract value per currency, median hours from suggestion to introduction, and decline reasons, for "
            + "matches created in [from, to), optionally of one technical field. Default: the last 365 days.")
    @APIResponse(responseCode = "403", description = "Not a broker or admin")
    @APIResponse(responseCode = "200", description = "The statistics")
    public MatchStatistics.Stats stats(@QueryParam("from") String from, @QueryParam("to") String to,
            @Parameter(schema = @Schema(implementation = TechnicalField.class)) @QueryParam("field") String field) {
        OffsetDateTime end = to == null ? OffsetDateTime.now(ZoneOffset.UTC) : QueryParams.timestamp("to", to);
        OffsetDateTime start = from == null ? end.minusDays(365) : QueryParams.timestamp("from", from);
        return statistics.compute(caller.get(), start, end, QueryParams.enumOf("field", field, TechnicalField.class));
    }

    @GET
    @Path("/{id}/history")
    @Transactional
    @Operation(operationId = "getMatchHistory",
            summary = "Audit trail", description = "Every transition, claim, assignment, note, request and flag with who, when and why.")
    @APIResponse(responseCode = "200", description = "One page of the audit trail, oldest first")
    public Page<MatchActivityView> history(@PathParam("id") UUID id, @Valid @BeanParam PageRequest page) {
        return workflow.trail(caller.get(), id, page).map(MatchActivityView::of);
    }

    @POST
    @Path("/{id}/claim")
    @Operation(operationId = "claimMatch",
            summary = "Claim", description = "The calling broker takes an unassigned match. The platform's directory "
            + "must know the caller as an enabled broker of its organisation: a token alone is not enough.")
    @APIResponse(responseCode = "403", description = NOT_YOURS)
    @APIResponse(responseCode = "200", description = "The match, now assigned to the caller; ETag holds its version")
    public RestResponse<MatchView> claim(@PathParam("id") UUID id) {
        return view(Versions.unlessPinned(null, () -> workflow.claim(caller.get(), id)));
    }

    @POST
    @Path("/{id}/assign")
    @Operation(operationId = "assignMatch",
            summary = "Assign to a broker", description = "Hands the match to an existing, enabled broker as the "
            + "platform's directory knows it; the broker's organisation comes from the directory. Admins assign "
            + "anywhere; a lead reassigns within its own brokerage, a colleague's match included; the assigned broker "
            + "(or a broker taking an unassigned match) hands it only to a broker of its own organisation.")
    @APIResponse(responseCode = "200", description = "The match, assigned; ETag holds its version")
    @APIResponse(responseCode = "400", description = "brokerSubject names no user the directory knows, a disabled "
            + "user or one without the BROKER role; or brokerOrgId is not that broker's organisation. The match is "
            + "unchanged")
    @APIResponse(responseCode = "403", description = NOT_YOURS + "; or the broker named belongs to another "
            + "organisation than the caller's")
    public RestResponse<MatchView> assign(@PathParam("id") UUID id, @NotNull @Valid Commands.Assign body) {
        return view(Versions.unlessPinned(null, () -> workflow.assign(caller.get(), id, body)));
    }

    @POST
    @Path("/{id}/notes")
    @Operation(operationId = "addMatchNote", summary = "Add a broker note",
            description = "By the assigned broker, a lead of its brokerage or an admin; on an unassigned match, by any "
            + "broker the directory knows (the note does not claim it).")
    @APIResponse(responseCode = "403", description = NOT_YOURS)
    @APIResponse(responseCode = "201", description = "Added to the audit trail",
            content = @Content(schema = @Schema(implementation = MatchActivityView.class)))
    public Response note(@PathParam("id") UUID id, @NotNull @Valid Commands.Note body) {
        return Response.status(201).entity(MatchActivityView.of(workflow.note(caller.get(), id, body))).build();
    }

    @POST
    @Path("/{id}/request-introduction")
    @Operation(operationId = "requestIntroduction",
            summary = "Request an introduction", description = "The demand's enterprise asks a broker to introduce it; "
            + "a flag on a SUGGESTED or SHORTLISTED match that lifts it to the top of the broker queue.")
    @APIResponse(responseCode = "200", description = "The match, flagged; ETag holds its version")
    public RestResponse<MatchView> requestIntroduction(@PathParam("id") UUID id) {
        return view(Versions.unlessPinned(null, () -> workflow.requestIntroduction(caller.get(), id)));
    }

    @POST
    @Path("/{id}/shortlist")
    @Operation(operationId = "shortlistMatch",
            summary = "Shortlist (broker)", description = "SUGGESTED → SHORTLISTED. Claims the match if unassigned.")
    @APIResponse(responseCode = "403", description = NOT_YOURS)
    @APIResponse(responseCode = "409", description = "Not allowed from the current state; allowedTransitions names the next states")
    @APIResponse(responseCode = "200", description = "The match, SHORTLISTED; ETag holds its version")
    public RestResponse<MatchView> shortlist(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid Commands.Transition body) {
        return view(Versions.unlessPinned(ifMatch, () -> workflow.shortlist(caller.get(), id, ifMatch, body)));
    }

    @POST
    @Path("/{id}/introduce")
    @Operation(operationId = "introduceParties",
            summary = "Introduce the parties (broker)", description = "SUGGESTED or SHORTLISTED → INTRODUCED. From now "
            + "on each side's contact is disclosed to the other by the achievement and demand services.")
    @APIResponse(responseCode = "403", description = NOT_YOURS)
    @APIResponse(responseCode = "200", description = "The match, INTRODUCED; ETag holds its version")
    public RestResponse<MatchView> introduce(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid Commands.Transition body) {
        return view(Versions.unlessPinned(ifMatch, () -> workflow.introduce(caller.get(), id, ifMatch, body)));
    }

    @POST
    @Path("/{id}/meeting")
    @Operation(operationId = "scheduleMeeting",
            summary = "Schedule a meeting or roadshow slot (broker)", description = "INTRODUCED or MEETING_SCHEDULED → MEETING_SCHEDULED.")
    @APIResponse(responseCode = "403", description = NOT_YOURS)
    @APIResponse(responseCode = "200", description = "The match, MEETING_SCHEDULED; ETag holds its version")
    public RestResponse<MatchView> meeting(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid Commands.Meeting body) {
        return view(Versions.unlessPinned(ifMatch, () -> workflow.scheduleMeeting(caller.get(), id, ifMatch, body)));
    }

    @POST
    @Path("/{id}/negotiate")
    @Operation(operationId = "startNegotiation",
            summary = "Move to negotiation (broker)", description = "INTRODUCED or MEETING_SCHEDULED → NEGOTIATING.")
    @APIResponse(responseCode = "403", description = NOT_YOURS)
    @APIResponse(responseCode = "200", description = "The match, NEGOTIATING; ETag holds its version")
    public RestResponse<MatchView> negotiate(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid Commands.Transition body) {
        return view(Versions.unlessPinned(ifMatch, () -> workflow.negotiate(caller.get(), id, ifMatch, body)));
    }

    @POST
    @Path("/{id}/contract")
    @Operation(operationId = "recordContract",
            summary = "Record the contract (broker)", description = "NEGOTIATING → CONTRACTED (final).")
    @APIResponse(responseCode = "403", description = NOT_YOURS)
    @APIResponse(responseCode = "200", description = "The match, CONTRACTED, with its contract; ETag holds its version")
    public RestResponse<MatchView> contract(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid Commands.Contract body) {
        return view(Versions.unlessPinned(ifMatch, () -> workflow.contract(caller.get(), id, ifMatch, body)));
    }

    @POST
    @Path("/{id}/decline")
    @Operation(operationId = "declineMatch",
            summary = "Decline (broker side or either party)", description = "Any state before CONTRACTED → DECLINED "
            + "(final), with a reason code. On the broker side, by the assigned broker, a lead of its brokerage or an "
            + "admin (any broker the directory knows, on an unassigned match); or by the owner organisation of either "
            + "side.")
    @APIResponse(responseCode = "403", description = NOT_YOURS)
    @APIResponse(responseCode = "200", description = "The match, DECLINED; ETag holds its version")
    public RestResponse<MatchView> decline(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid Commands.Decline body) {
        return view(Versions.unlessPinned(ifMatch, () -> workflow.decline(caller.get(), id, ifMatch, body)));
    }

    @POST
    @Path("/{id}/not-relevant")
    @Operation(operationId = "markMatchNotRelevant",
            summary = "Not relevant (the owner of either side)", description = "The enterprise that owns the demand, or "
            + "the university or institute that owns the achievement, says this suggestion is not relevant to it: "
            + "SUGGESTED or SHORTLISTED → DECLINED with reasonCode NOT_RELEVANT (final). The pair leaves the broker "
            + "queue and both suggestion lists (a list with updatedSince or status=DECLINED still shows it), is never "
            + "rescored, and becomes a negative labelled pair for refitting the ranking. The optional reason is kept "
            + "in the audit trail only. If-Match is optional.")
    @APIResponse(responseCode = "200", description = "The match, DECLINED as NOT_RELEVANT; ETag holds its version")
    @APIResponse(responseCode = "400", description = "The reason is longer than 1,000 characters")
    @APIResponse(responseCode = "403", description = "The caller sees the match but does not own either side of it "
            + "in that role (a broker, an admin)")
    @APIResponse(responseCode = "404", description = "Unknown match, or not visible to the caller")
    @APIResponse(responseCode = "409", description = "Already introduced or further on; allowedTransitions names the next states")
    @APIResponse(responseCode = "412", description = "If-Match does not hold the current version")
    public RestResponse<MatchView> notRelevant(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @Valid Commands.NotRelevant body) {
        return view(Versions.unlessPinned(ifMatch, () -> workflow.notRelevant(caller.get(), id, ifMatch, body)));
    }

    /** The match with its version as ETag; the OpenAPI document takes the body's schema from the type. */
    private RestResponse<MatchView> view(MatchSuggestion m) {
        return RestResponse.ResponseBuilder.ok(views.of(m)).tag(Versions.etag(m.version)).build();
    }

    /** One audit trail entry. */
    @Schema(name = "MatchActivity")
    public record MatchActivityView(long id, String action, MatchStatus fromStatus, MatchStatus toStatus, String actor,
            UUID actorOrg, String actorRole, String reason, Map<String, Object> details, OffsetDateTime at) {

        static MatchActivityView of(MatchActivity a) {
            return new MatchActivityView(a.id, a.action, a.fromStatus, a.toStatus, a.actor, a.actorOrg, a.actorRole,
                    a.reason, a.details, a.at);
        }
    }
}

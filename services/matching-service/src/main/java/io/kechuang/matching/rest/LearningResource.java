package io.kechuang.matching.rest;

import io.kechuang.common.http.QueryParams;
import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.problem.Problem;
import io.kechuang.common.security.CurrentCaller;
import io.kechuang.matching.learning.LabelledPair;
import io.kechuang.matching.learning.LabelledPairExport;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/matches/labelled-pairs")
@Tag(name = "Ranking feedback (排序学习)", description = "The decisions the ranking learns from")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@APIResponse(responseCode = "401", description = "No token or an invalid token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class LearningResource {

    @Inject
    LabelledPairExport export;

    @Inject
    CurrentCaller caller;

    @GET
    @Operation(operationId = "exportLabelledPairs", summary = "Labelled pairs (admin)",
            description = "Per decided pair, its latest decision: a broker's shortlist, introduction, meeting, "
                    + "negotiation or contract (POSITIVE), a decline with its reason code or an owner's not relevant "
                    + "(NEGATIVE); who decided and when; and the feature values the matcher stored for the pair. "
                    + "Oldest decision first. Never any text: no title, comment, note, meeting, contract or contact. "
                    + "The input of the bench's refit command (exec@refit).")
    @APIResponse(responseCode = "200", description = "One page of labelled pairs")
    @APIResponse(responseCode = "400", description = "A malformed updatedSince, or a page out of bounds")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public Page<LabelledPair> export(
            @Parameter(description = "Only pairs whose latest decision was taken at or after this instant, ISO 8601: "
                    + "an export that was run before continues from the time of its last run",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time"), example = "2026-11-01T00:00:00Z")
            @QueryParam("updatedSince") String updatedSince,
            @Valid @BeanParam PageRequest page) {
        return export.page(caller.get(), QueryParams.timestamp("updatedSince", updatedSince), page);
    }
}

package io.kechuang.matching.rest;

import io.kechuang.common.http.QueryParams;
import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.problem.Problem;
import io.kechuang.common.security.CurrentCaller;
import io.kechuang.events.match.MatchStatus;
import io.kechuang.matching.index.Item;
import io.kechuang.matching.scoring.ScoringConfig.Confidence;
import io.kechuang.matching.suggestion.SuggestionQueries;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/matches")
@Tag(name = "Match suggestions (匹配推荐)", description = "Explained achievement–demand suggestions")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@APIResponse(responseCode = "401", description = "No token or an invalid token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SuggestionResource {

    private static final String EXAMPLE = """
            {"items":[{"id":"5b1c…","demand":{"id":"9f0e…","title":"光伏组件清洗","ownerOrgId":"2222…"},
            "achievement":{"id":"71aa…","title":"光伏组件智能清洗机器人","ownerOrgId":"1111…"},
            "status":"SUGGESTED","score":0.80,"confidence":"STRONG",
            "breakdown":{"TEXT":{"value":0.86,"weight":0.6,"contribution":0.516},"FIELD":{"value":1.0,"weight":0.1,"contribution":0.1}},
            "explanation":{"matchedTerms":["光伏组件","光伏电站","清洗","机器人"],"sharedKeywords":[],
            "demandHighlights":["需要一种自动化的<em>光伏组件清洗</em>设备或<em>机器人</em>"],
            "achievementHighlights":["一种面向大型地面<em>光伏电站</em>的轨道式无水<em>清洗机器人</em>"],
            "reasons":[{"feature":"FIELD","effect":"RAISED","zh":"同属新能源领域","en":"Both in the same field (NEW_ENERGY)"}]}}],
            "page":0,"size":20,"total":1,"totalPages":1}""";

    @Inject
    SuggestionQueries queries;

    @Inject
    CurrentCaller caller;

    @GET
    @Path("/demands/{demandId}/suggestions")
    @Operation(summary = "Suggested achievements for a demand",
            description = "Best first. Visible to the enterprise that owns the demand, brokers and admins. By default "
                    + "every status except EXPIRED is listed.")
    @APIResponse(responseCode = "200", description = "One page of suggestions",
            content = @Content(examples = @ExampleObject(name = "zh", value = EXAMPLE)))
    @APIResponse(responseCode = "404", description = "Unknown demand, or not the caller's")
    public Page<MatchView> forDemand(@PathParam("demandId") UUID demandId,
            @Parameter(schema = @Schema(implementation = MatchStatus.class)) @QueryParam("status") String status,
            @Parameter(description = "Only suggestions scoring at least this") @QueryParam("minScore") @DefaultValue("0")
            @DecimalMin("0") @DecimalMax("1") double minScore,
            @Parameter(description = "Only this confidence band (STRONG, POSSIBLE or WEAK)",
                    schema = @Schema(implementation = Confidence.class)) @QueryParam("confidence") String confidence,
            @Valid @BeanParam PageRequest page) {
        return queries.forItem(caller.get(), Item.Kind.DEMAND, demandId,
                QueryParams.enumOf("status", status, MatchStatus.class), minScore,
                QueryParams.enumOf("confidence", confidence, Confidence.class), page).map(MatchView::of);
    }

    @GET
    @Path("/achievements/{achievementId}/suggestions")
    @Operation(summary = "Suggested demands for an achievement",
            description = "Best first. Visible to the university or institute that owns the achievement, brokers and admins.")
    @APIResponse(responseCode = "200", description = "One page of suggestions")
    @APIResponse(responseCode = "404", description = "Unknown achievement, or not the caller's")
    public Page<MatchView> forAchievement(@PathParam("achievementId") UUID achievementId,
            @Parameter(schema = @Schema(implementation = MatchStatus.class)) @QueryParam("status") String status,
            @QueryParam("minScore") @DefaultValue("0") @DecimalMin("0") @DecimalMax("1") double minScore,
            @Parameter(description = "Only this confidence band (STRONG, POSSIBLE or WEAK)",
                    schema = @Schema(implementation = Confidence.class)) @QueryParam("confidence") String confidence,
            @Valid @BeanParam PageRequest page) {
        return queries.forItem(caller.get(), Item.Kind.ACHIEVEMENT, achievementId,
                QueryParams.enumOf("status", status, MatchStatus.class), minScore,
                QueryParams.enumOf("confidence", confidence, Confidence.class), page).map(MatchView::of);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One suggestion with its explanation",
            description = "Visible to brokers, admins and the two organisations of the pair.")
    @APIResponse(responseCode = "200", description = "The suggestion",
            content = @Content(schema = @Schema(implementation = MatchView.class)))
    @APIResponse(responseCode = "404", description = "Unknown, or not visible to the caller")
    public MatchView one(@PathParam("id") UUID id) {
        return MatchView.of(queries.one(caller.get(), id));
    }
}

package io.kechuang.matching.rest;

import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.problem.Problem;
import io.kechuang.common.security.CurrentCaller;
import io.kechuang.matching.index.Item;
import io.kechuang.matching.suggestion.SuggestionQueries;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
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

    /** The change feed of every list of matches. */
    static final String UPDATED_SINCE = "Only matches changed (suggested, rescored or moved on) at or after this "
            + "instant, ISO 8601: a portal that was away resyncs with the time of its last successful read";

    @Inject
    SuggestionQueries queries;

    @Inject
    CurrentCaller caller;

    @Inject
    MatchViews views;

    @GET
    @Path("/demands/{demandId}/suggestions")
    @Operation(operationId = "listDemandSuggestions", summary = "Suggested achievements for a demand",
            description = "Best first. Visible to the enterprise that owns the demand, brokers and admins. By default "
                    + "every status except EXPIRED is listed.")
    @APIResponse(responseCode = "200", description = "One page of suggestions",
            // PageMatchView is SmallRye's name for Page<MatchView>; the gateway's document calls it MatchPage.
            content = @Content(schema = @Schema(ref = "PageMatchView"), examples = {
                    @ExampleObject(name = "zh", summary = "动力电池热管理需求的推荐（中文）", value = ApiExamples.SUGGESTIONS_ZH),
                    @ExampleObject(name = "en", summary = "Foreign-body detection demand (English)",
                            value = ApiExamples.SUGGESTIONS_EN)}))
    @APIResponse(responseCode = "404", description = "Unknown demand, or not the caller's")
    public Page<MatchView> forDemand(@PathParam("demandId") UUID demandId, @Valid @BeanParam SuggestionFilter filter,
            @Valid @BeanParam PageRequest page) {
        return suggestions(Item.Kind.DEMAND, demandId, filter, page);
    }

    @GET
    @Path("/achievements/{achievementId}/suggestions")
    @Operation(operationId = "listAchievementSuggestions", summary = "Suggested demands for an achievement",
            description = "Best first. Visible to the university or institute that owns the achievement, brokers and admins.")
    @APIResponse(responseCode = "200", description = "One page of suggestions")
    @APIResponse(responseCode = "404", description = "Unknown achievement, or not the caller's")
    public Page<MatchView> forAchievement(@PathParam("achievementId") UUID achievementId,
            @Valid @BeanParam SuggestionFilter filter, @Valid @BeanParam PageRequest page) {
        return suggestions(Item.Kind.ACHIEVEMENT, achievementId, filter, page);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getMatch", summary = "One suggestion with its explanation",
            description = "Visible to brokers, admins and the two organisations of the pair.")
    @APIResponse(responseCode = "200", description = "The suggestion",
            content = @Content(schema = @Schema(implementation = MatchView.class)))
    @APIResponse(responseCode = "404", description = "Unknown, or not visible to the caller")
    public MatchView one(@PathParam("id") UUID id) {
        return views.of(queries.one(caller.get(), id));
    }

    private Page<MatchView> suggestions(Item.Kind kind, UUID id, SuggestionFilter filter, PageRequest page) {
        return views.of(queries.forItem(caller.get(), kind, id, filter.status(),
                SuggestionFilter.scoreBound("minScore", filter.minScore), filter.confidence(),
                filter.updatedSince(), page));
    }
}

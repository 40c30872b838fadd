package io.kechuang.matching.rest;

import io.kechuang.common.http.QueryParams;
import io.kechuang.common.problem.FieldError;
import io.kechuang.common.problem.Problem;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.common.time.PlatformConfig;
import io.kechuang.events.achievement.IpType;
import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.events.taxonomy.TechnicalField;
import io.kechuang.matching.index.Item;
import io.kechuang.matching.search.SearchEngine;
import io.kechuang.matching.search.SearchRequest;
import io.kechuang.matching.search.SearchResult;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/search")
@Tag(name = "Search (检索)", description = "Full-text search over published achievements and open demands")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
public class SearchResource {

    @Inject
    SearchEngine engine;

    @Inject
    PlatformConfig platform;

    @GET
    @Operation(operationId = "searchMarket", summary = "Search the market",
            description = "Chinese- and English-aware full-text search with the analysis used for matching (SmartCN "
                    + "words, CJK bigrams, English stems) over titles, public summaries, keywords and indicators. "
                    + "Confidential fields are never indexed. The text is analysed, never parsed as query syntax. "
                    + "Facet counts are returned for every filter; a filtered dimension is counted as if its own "
                    + "filter were not set. Without text, or with sort=recent, newest first.")
    @APIResponse(responseCode = "200", description = "One page of hits with highlights and facets",
            content = @Content(schema = @Schema(implementation = SearchResult.class), examples = {
                    @ExampleObject(name = "zh", summary = "光伏组件清洗（中文）", value = ApiExamples.SEARCH_ZH),
                    @ExampleObject(name = "en", summary = "Foreign-body detection (English)", value = ApiExamples.SEARCH_EN)}))
    @APIResponse(responseCode = "400", description = "Text too long, a bad filter, or paging too deep",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SearchResult search(
            @Parameter(description = "Search text, at most 200 characters", example = "光伏组件清洗") @QueryParam("q") String q,
            @Parameter(description = "ACHIEVEMENT or DEMAND; both when absent") @QueryParam("type") String type,
            @Parameter(schema = @Schema(implementation = TechnicalField.class)) @QueryParam("field") String field,
            @Parameter(description = "GB/T 2260 code; 510000 matches the province, 510100 the city", example = "510100")
            @QueryParam("region") String region,
            @Parameter(description = "Lowest TRL (achievements: their TRL; demands: the TRL they require)") @QueryParam("minTrl") Integer minTrl,
            @QueryParam("maxTrl") Integer maxTrl,
            @Parameter(schema = @Schema(implementation = IpType.class)) @QueryParam("ipType") String ipType,
            @Parameter(schema = @Schema(implementation = CooperationMode.class)) @QueryParam("cooperation") String cooperation,
            @Parameter(description = "relevance (default) or recent") @QueryParam("sort") @DefaultValue("relevance") String sort,
            @QueryParam("page") @DefaultValue("0") int page,
            @Parameter(description = "1 to 50") @QueryParam("size") @DefaultValue("20") int size) {
        List<FieldError> errors = new ArrayList<>();
        if (q != null && q.length() > SearchRequest.MAX_TEXT_LENGTH) {
            errors.add(new FieldError("q", "must be at most " + SearchRequest.MAX_TEXT_LENGTH + " characters"));
        }
        if (size < 1 || size > SearchRequest.MAX_SIZE) {
            errors.add(new FieldError("size", "must be between 1 and " + SearchRequest.MAX_SIZE));
        }
        if (!SearchRequest.withinDepth(page, size)) {
            errors.add(new FieldError("page", "must be 0 or more, and page × size must stay within the first "
                    + SearchRequest.MAX_DEPTH + " hits; refine the search instead"));
        }
        if (region != null && !region.matches("\\d{6}")) {
            errors.add(new FieldError("region", "must be a 6-digit GB/T 2260 code such as 510100"));
        }
        if (minTrl != null && (minTrl < 1 || minTrl > 9)) {
            errors.add(new FieldError("minTrl", "must be between 1 and 9"));
        }
        if (maxTrl != null && (maxTrl < 1 || maxTrl > 9)) {
            errors.add(new FieldError("maxTrl", "must be between 1 and 9"));
        }
        if (!sort.equalsIgnoreCase("relevance") && !sort.equalsIgnoreCase("recent")) {
            errors.add(new FieldError("sort", "must be relevance or recent"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
        SearchRequest request = new SearchRequest(q, QueryParams.enumOf("type", type, Item.Kind.class),
                QueryParams.enumOf("field", field, TechnicalField.class), region, minTrl, maxTrl,
                QueryParams.enumOf("ipType", ipType, IpType.class),
                QueryParams.enumOf("cooperation", cooperation, CooperationMode.class),
                QueryParams.enumOf("sort", sort, SearchRequest.Sort.class), page, size);
        return engine.search(request, LocalDate.now(platform.zone()));
    }
}

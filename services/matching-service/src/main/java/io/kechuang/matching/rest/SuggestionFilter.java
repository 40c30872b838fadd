package io.kechuang.matching.rest;

import io.kechuang.common.http.QueryParams;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.events.match.MatchStatus;
import io.kechuang.matching.scoring.ScoringConfig.Confidence;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The query parameters of both lists of an item's suggestions. Use as a {@code @BeanParam} with {@code @Valid}. */
public class SuggestionFilter {

    @QueryParam("status")
    @Parameter(schema = @Schema(implementation = MatchStatus.class))
    public String status;

    @QueryParam("minScore")
    @DefaultValue("0")
    @DecimalMin("0")
    @DecimalMax("1")
    @Parameter(description = "Only suggestions scoring at least this")
    public double minScore;

    @QueryParam("confidence")
    @Parameter(description = "Only this confidence band (STRONG, POSSIBLE or WEAK)",
            schema = @Schema(implementation = Confidence.class))
    public String confidence;

    @QueryParam("updatedSince")
    @Parameter(description = SuggestionResource.UPDATED_SINCE,
            schema = @Schema(type = SchemaType.STRING, format = "date-time"), example = "2026-11-01T00:00:00Z")
    public String updatedSince;

    MatchStatus status() {
        return QueryParams.enumOf("status", status, MatchStatus.class);
    }

    Confidence confidence() {
        return QueryParams.enumOf("confidence", confidence, Confidence.class);
    }

    OffsetDateTime updatedSince() {
        return QueryParams.timestamp("updatedSince", updatedSince);
    }

    /**
     * A score bound as the lists take it: a number from 0 to 1. {@code NaN} passes the bean constraints and would
     * match nothing; an overflowing {@code 1e400} arrives as infinity. Both are the caller's mistake, named as such.
     */
    static double scoreBound(String name, double value) {
        if (!Double.isFinite(value) || value < 0 || value > 1) {
            throw ProblemException.validation(name, "must be a number from 0 to 1");
        }
        return value;
    }
}

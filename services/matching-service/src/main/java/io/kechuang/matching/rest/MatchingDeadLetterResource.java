package io.kechuang.matching.rest;

import io.kechuang.common.deadletter.DeadLetterResource;
import io.kechuang.common.problem.Problem;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The admin's dead letters of the matching service's consumers (indexer, replay reader, identity directory, match
 * group), and their replays ({@code deadletter.MatchingDeadLetters}; see the README, "Dead letters").
 */
@Path("/api/matches/dead-letters")
@Tag(name = "Dead letters (死信)", description = "Records the service's consumers gave up on, and their replays (admin)")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@APIResponse(responseCode = "401", description = "No token or an invalid token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class MatchingDeadLetterResource extends DeadLetterResource {
}

package io.kechuang.achievement.rest;

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
 * The admin's dead letters of this service's consumer of matches.v1, and their replays (see the README, "Dead
 * letters"), next to the resync under the service's own prefix.
 */
@Path("/api/achievements/dead-letters")
@Tag(name = "Achievements (科技成果)")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@APIResponse(responseCode = "401", description = "No token or an invalid token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AchievementDeadLetterResource extends DeadLetterResource {
}

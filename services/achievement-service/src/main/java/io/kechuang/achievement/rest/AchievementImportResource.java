package io.kechuang.achievement.rest;

import io.kechuang.common.problem.Problem;
import io.kechuang.achievement.service.AchievementService;
import io.kechuang.listing.ListingImportResource;
import io.kechuang.listing.ListingService;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The CSV import jobs of this service's achievements: progress, per-row report, rejected rows (see {@link ListingImportResource}). */
@Path("/api/achievements/imports")
@Tag(name = "Achievements (科技成果)")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@APIResponse(responseCode = "401", description = "No token or an invalid token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AchievementImportResource extends ListingImportResource {

    @Inject
    AchievementService achievements;

    @Override
    protected ListingService<?, ?, ?, ?> service() {
        return achievements;
    }
}

package io.kechuang.demand.rest;

import io.kechuang.common.problem.Problem;
import io.kechuang.demand.service.DemandService;
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

/** The CSV import jobs of this service's demands: progress, per-row report, rejected rows (see {@link ListingImportResource}). */
@Path("/api/demands/imports")
@Tag(name = "Demands (技术需求)")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@APIResponse(responseCode = "401", description = "No token or an invalid token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class DemandImportResource extends ListingImportResource {

    @Inject
    DemandService demands;

    @Override
    protected ListingService<?, ?, ?, ?> service() {
        return demands;
    }
}

package io.kechuang.listing;

import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.problem.Problem;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.common.security.CurrentCaller;
import io.kechuang.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The admin's resync API of a listing service ({@link ListingResync}); a service declares it at
 * {@code <collection>/resync} by extending this class with its {@code @Path} and its own {@link ListingService}.
 */
@RolesAllowed(Roles.ADMIN)
public abstract class ListingResyncResource {

    @Inject
    CurrentCaller caller;

    /** The service whose listings this resource resyncs. */
    protected abstract ListingService<?, ?, ?, ?> service();

    @POST
    @Operation(operationId = "start{Listing}Resync", summary = "Resync after a database rollback (admin)",
            description = "Run after the service's database was restored from a backup or lost commits in a crash. In "
                    + "the background, in a new event epoch: replays matches.v1 into the service, republishes every "
                    + "listing that is not a draft, and announces as removed every key on the topic that the database "
                    + "no longer has on the market, so that every consumer (the matching index, suggestions) converges "
                    + "to the database. Writes go on meanwhile. Answers 202 with the run's location.")
    @APIResponse(responseCode = "202", description = "Started; Location is the run to follow",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ResyncRun.class)))
    @APIResponse(responseCode = "409", description = "A resync is already running (its id is in `running`)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response start(@Context UriInfo uri) {
        ResyncRun run = service().startResync(caller.get());
        return Response.accepted(run).location(uri.getAbsolutePathBuilder().path(run.id().toString()).build()).build();
    }

    @GET
    @Operation(operationId = "list{Listing}Resyncs", summary = "List resyncs, newest first (admin)")
    @APIResponse(responseCode = "200", description = "A page of resync runs")
    public Page<ResyncRun> list(@Valid @BeanParam PageRequest page) {
        return service().resyncRuns(page);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "get{Listing}Resync", summary = "Follow a resync (admin)",
            description = "Its status and counts, updated while it runs.")
    @APIResponse(responseCode = "200", description = "The run",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ResyncRun.class)))
    public ResyncRun get(@PathParam("id") UUID id) {
        return service().resyncRun(id).orElseThrow(() -> ProblemException.notFound("Resync", id));
    }
}

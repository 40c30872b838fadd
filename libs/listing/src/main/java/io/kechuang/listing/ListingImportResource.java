package io.kechuang.listing;

import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.security.CurrentCaller;
import io.kechuang.listing.csv.ImportJob;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The import jobs of a listing service, as their owners follow them ({@code POST <collection>/import} starts one); a
 * service declares it at {@code <collection>/imports} by extending this class with its {@code @Path} and its own
 * {@link ListingService}. A job is visible to the uploader's organisation and admins; anyone else gets 404.
 */
public abstract class ListingImportResource {

    @Inject
    CurrentCaller caller;

    /** The service whose imports this resource shows. */
    protected abstract ListingService<?, ?, ?, ?> service();

    @GET
    @Operation(operationId = "list{Listing}Imports", summary = "List imports, newest first",
            description = "The import jobs of the caller's organisation (every organisation's for admins), with their "
                    + "progress; no per-row report (read one job for it).")
    @APIResponse(responseCode = "200", description = "A page of import jobs")
    public Page<ImportJob> list(@Valid @BeanParam PageRequest page) {
        return service().importJobs(caller.get(), page);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "get{Listing}Import", summary = "Follow an import",
            description = "Status (QUEUED, RUNNING, DONE, FAILED), rows done, imported and rejected, updated after "
                    + "every committed batch; once DONE, one page (page, size) of the per-row report in row order: "
                    + "each imported row's id, each rejected row's bad columns. 404 for other organisations.")
    @APIResponse(responseCode = "200", description = "The job",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ImportJob.class)))
    public ImportJob get(@PathParam("id") UUID id, @Valid @BeanParam PageRequest page) {
        return service().importJob(caller.get(), id, page);
    }

    @GET
    @Path("/{id}/rejected")
    @Produces("text/csv")
    @Operation(operationId = "get{Listing}ImportRejectedRows", summary = "Download the rejected rows",
            description = "The rows rejected so far (all of them once DONE), in the uploaded file's own columns plus "
                    + "import_errors (\"column: message; …\"): fix them and import the file again, the import_errors "
                    + "column may stay. UTF-8 with a BOM for Excel. 404 for other organisations.")
    @APIResponse(responseCode = "200", description = "The rejected rows",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    public Response rejected(@PathParam("id") UUID id) {
        return Response.ok(service().rejectedImportRows(caller.get(), id))
                .header("Content-Disposition", "attachment; filename=\"rejected-" + id + ".csv\"").build();
    }
}

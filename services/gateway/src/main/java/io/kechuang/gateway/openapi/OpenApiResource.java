package io.kechuang.gateway.openapi;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The merged platform API document, which Swagger UI ({@code /q/swagger-ui}) shows first. */
@Path("/openapi")
public class OpenApiResource {

    @Inject
    PlatformApiDocument document;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Uni<Response> get() {
        return Uni.createFrom().completionStage(document.document().toCompletionStage())
                .map(doc -> Response.ok(doc).header("Cache-Control", "no-cache").build());
    }
}

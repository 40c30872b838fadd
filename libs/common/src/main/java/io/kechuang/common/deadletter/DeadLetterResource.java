package io.kechuang.common.deadletter;

import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.problem.Problem;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.common.security.CurrentCaller;
import io.kechuang.common.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The admin's dead-letter API of a service with consumers ({@link DeadLetters}); a service declares it at
 * {@code <collection>/dead-letters} by extending this class with its {@code @Path}.
 */
@RolesAllowed(Roles.ADMIN)
public abstract class DeadLetterResource {

    /** Dead letters replayed by one call of {@link #replayAll} at most. */
    public static final int MAX_REPLAY_ALL = 500;

    @Inject
    CurrentCaller caller;

    @Inject
    DeadLetters deadLetters;

    @GET
    @Operation(operationId = "list{Listing}DeadLetters", summary = "List the service's dead letters, newest first (admin)",
            description = "Records the service's consumers gave up on: a record that is not a valid event at once, "
                    + "one whose handling kept failing after its attempts. Each with its origin (consumer, topic, "
                    + "partition, offset, key), its error, the event it holds and its replays.")
    @APIResponse(responseCode = "200", description = "A page of dead letters")
    public Page<DeadLetterView> list(@Valid @BeanParam PageRequest page) {
        return deadLetters.list(page);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "get{Listing}DeadLetter", summary = "One dead letter with its replays (admin)")
    @APIResponse(responseCode = "200", description = "The dead letter",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DeadLetterView.class)))
    public DeadLetterView get(@PathParam("id") @Parameter(description = "<partition>-<offset>", example = "0-42",
            schema = @Schema(type = SchemaType.STRING, pattern = DeadLetterId.PATTERN))
            String id) {
        DeadLetterId parsed = DeadLetterId.parse(id);
        return deadLetters.get(parsed).orElseThrow(() -> ProblemException.notFound("Dead letter", parsed));
    }

    @POST
    @Path("/{id}/replay")
    @Operation(operationId = "replay{Listing}DeadLetter", summary = "Replay one dead letter into its consumer (admin)",
            description = "Runs the record through the handler of the consumer that gave up on it, now, and audits "
                    + "the replay. Safe to repeat: the handlers apply an event only if it is newer than what they hold. "
                    + "200 either way: `outcome` is APPLIED, or FAILED with the handler's `error`; a failed replay "
                    + "leaves the dead letter where it is and adds no new one.")
    @APIResponse(responseCode = "200", description = "The audited replay",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReplayView.class)))
    @APIResponse(responseCode = "409", description = "The dead letter does not say where it came from",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ReplayView replay(@PathParam("id") @Parameter(description = "<partition>-<offset>", example = "0-42",
            schema = @Schema(type = SchemaType.STRING, pattern = DeadLetterId.PATTERN))
            String id) {
        return deadLetters.replay(DeadLetterId.parse(id), caller.get().subject());
    }

    @POST
    @Path("/replay")
    @Operation(operationId = "replayAll{Listing}DeadLetters", summary = "Replay every dead letter not yet replayed (admin)",
            description = "Oldest first, every dead letter that no replay has applied yet (including those whose "
                    + "replay failed), each as in the replay of one and audited; at most `limit` per call, `more` says "
                    + "whether any are left.")
    @APIResponse(responseCode = "200", description = "What was replayed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReplayAllResult.class)))
    public ReplayAllResult replayAll(@QueryParam("limit") @DefaultValue("100")
            @Min(value = 1, message = "must be at least 1")
            @Max(value = MAX_REPLAY_ALL, message = "must be at most " + MAX_REPLAY_ALL)
            @Parameter(description = "Dead letters to replay at most, 1 to " + MAX_REPLAY_ALL, example = "100")
            int limit) {
        return deadLetters.replayAll(limit, caller.get().subject());
    }
}

package io.kechuang.listing;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One resync of a listing service, as an admin follows it. */
@Schema(name = "ResyncRun", description = "A resync: the service republishes its current state in a new event epoch")
public record ResyncRun(
        UUID id,
        @Schema(description = "The event epoch the resync republishes in (Unix seconds at its start)") long epoch,
        @Schema(description = "RUNNING, DONE, FAILED, or ABANDONED when a restart interrupted it (start another)")
        Status status,
        @Schema(description = "The admin who started it") String requestedBy,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        @Schema(description = "Match events (matches.v1) replayed that changed what the service knows of its matches")
        long matchEventsApplied,
        @Schema(description = "Records of the service's own topic read to find keys the database no longer has")
        long topicRecordsRead,
        @Schema(description = "Listings republished in the new epoch (every listing that is not a draft)")
        long republished,
        @Schema(description = "Keys on the topic the database no longer has on the market (gone, or a draft again), "
                + "announced as removed") long removed,
        @Schema(description = "Why it failed, if it did") String error) {

    public enum Status {
        RUNNING, DONE, FAILED, ABANDONED
    }
}

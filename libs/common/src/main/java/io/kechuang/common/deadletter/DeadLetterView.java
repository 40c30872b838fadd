package io.kechuang.common.deadletter;

import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A dead letter as an admin sees it: where it came from, why it failed, what event it holds (when the record is an
 * event envelope) and its replays, newest first.
 *
 * @param replayedAt when it was last replayed successfully; null if never
 */
@Schema(description = "A record a consumer gave up on, with its origin, error and replays")
public record DeadLetterView(
        @Schema(description = "<partition>-<offset> on the dead-letter topic", example = "0-42") String id,
        @Schema(example = "demand-service.dlq") String topic,
        @Schema(description = "The consumer that gave up on it, and that a replay hands it back to",
                example = "demand-service-matches") String consumer,
        @Schema(example = "matches.v1") String originalTopic,
        @Schema(example = "1") Integer originalPartition,
        @Schema(example = "1207") Long originalOffset,
        @Schema(example = "30a35c6a-5b1e-4a0e-9f53-0c1f5a7e2d11") String key,
        @Schema(example = "PermanentFailure: event 4f9e… is not a complete match state") String error,
        @Schema(example = "4") Integer attempts,
        OffsetDateTime deadLetteredAt,
        @Schema(description = "The envelope's type, if the record is an event", example = "kechuang.match.introduced")
        String eventType,
        @Schema(description = "The envelope's id, if the record is an event") String eventId,
        @Schema(description = "Whether a replay has applied it") boolean replayed,
        OffsetDateTime replayedAt,
        @Schema(description = "Who replayed it successfully last", example = "admin") String replayedBy,
        @Schema(description = "Its replays, newest first (at most 20)") List<ReplayView> replays) {
}

package io.kechuang.common.deadletter;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a replay of every dead letter not yet replayed did.
 *
 * @param more whether the limit stopped it before the end of the topic: call again for the rest
 */
@Schema(description = "The outcome of replaying every dead letter that no replay has applied yet")
public record ReplayAllResult(
        @Schema(example = "3") int replayed,
        @Schema(example = "2") int applied,
        @Schema(example = "1") int failed,
        @Schema(example = "false") boolean more,
        @Schema(description = "Each replay, oldest dead letter first") List<ReplayView> replays) {
}

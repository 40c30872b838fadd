package io.kechuang.achievement.api;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Optional reason given with a withdrawal or a transfer. */
@Schema(name = "StatusChange")
public record StatusChange(
        @Size(max = 500) @Schema(example = "已与成都某新能源企业签订转让合同 / Transferred to a Chengdu solar company") String reason) {
}

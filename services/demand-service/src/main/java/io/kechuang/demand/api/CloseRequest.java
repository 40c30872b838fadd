package io.kechuang.demand.api;

import io.kechuang.demand.CloseReason;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Why a demand leaves the market unfulfilled. The reason is public; the comment stays with the owner. */
@Schema(name = "DemandClosing")
public record CloseRequest(
        @NotNull @Schema(example = "SOLVED_ELSEWHERE") CloseReason reason,
        @Size(max = 500) @Schema(description = "Required when the reason is OTHER; shown only to the owner and admins",
                example = "已与本地高校签订合作开发协议 / Signed a joint development agreement with a local university")
        String comment) {
}

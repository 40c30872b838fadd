package io.kechuang.matching.workflow;

import io.kechuang.common.validation.IsoCurrency;
import io.kechuang.events.match.MatchDeclineReason;
import io.kechuang.events.taxonomy.CooperationMode;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the broker workflow. */
public final class Commands {

    private Commands() {
    }

    @Schema(name = "MatchTransition", description = "Optional comment kept in the audit trail")
    public record Transition(@Size(max = 1000) @Schema(example = "双方技术路线契合，建议尽快对接") String comment) {
    }

    @Schema(name = "MeetingRequest")
    public record Meeting(
            @NotNull @Schema(example = "2026-12-03T14:00:00+08:00") OffsetDateTime at,
            @Size(max = 300) @Schema(example = "成都市高新区天府大道中段1268号天府软件园E3-5会议室") String place,
            @Size(max = 500) @Schema(example = "https://meeting.example.cn/j/8841220") String onlineLink,
            @Size(max = 20) List<@NotBlank @Size(max = 100) String> participants,
            @Size(max = 1000) String agenda) {

        @AssertTrue(message = "give a place or an online link")
        @Schema(hidden = true)
        public boolean isLocated() {
            return (place != null && !place.isBlank()) || (onlineLink != null && !onlineLink.isBlank());
        }
    }

    @Schema(name = "ContractRequest")
    public record Contract(
            @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 16, fraction = 2) @Schema(example = "1200000") BigDecimal amount,
            @NotNull @IsoCurrency @Schema(example = "CNY") String currency,
            @NotNull CooperationMode cooperationMode,
            @NotNull @PastOrPresent @Schema(example = "2026-11-20") LocalDate signedOn,
            @Size(max = 1000) String comment) {
    }

    @Schema(name = "DeclineRequest")
    public record Decline(
            @NotNull MatchDeclineReason reasonCode,
            @Size(max = 1000) @Schema(example = "报价超出预算两倍") String comment) {

        @AssertTrue(message = "a comment is required when the reason is OTHER")
        @Schema(hidden = true)
        public boolean isExplained() {
            return reasonCode != MatchDeclineReason.OTHER || (comment != null && !comment.isBlank());
        }
    }

    @Schema(name = "NotRelevantRequest", description = "Optional: why the suggestion is not relevant. Kept in the "
            + "audit trail only; never part of the labelled pairs that the ranking learns from")
    public record NotRelevant(@Size(max = 1000) @Schema(example = "我们需要的是电池回收工艺，不是电池管理算法") String reason) {
    }

    @Schema(name = "NoteRequest")
    public record Note(@NotBlank @Size(max = 4000) @Schema(example = "企业技术负责人下周出差，会议改约12月3日") String text) {
    }

    @Schema(name = "AssignRequest", description = "The broker to hand the match to: an existing, enabled user in the "
            + "BROKER role, as the platform's directory knows it. Its organisation comes from the directory")
    public record Assign(
            @NotBlank @Size(max = 255) @Schema(description = "The broker's user id (its tokens' subject)",
                    example = "qian.broker@tfjj") String brokerSubject,
            @Schema(description = "Optional: the broker's organisation; if given, it must be the one the directory "
                    + "knows the broker in") UUID brokerOrgId) {
    }
}

package io.kechuang.gateway.identity.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A new API client. Partner portals get {@code PARTNER} and belong to a {@code PARTNER} organisation. Other roles are
 * allowed for the organisation's type, but they write, so they reach the client's tokens only after an admin's write
 * grant.
 */
@Schema(name = "ClientRequest")
public record ClientRequest(
        @Pattern(regexp = CLIENT_ID, message = "must be 3 to 64 characters: a-z, 0-9, '.', '_' or '-'")
        @Schema(description = "Optional; generated when absent", example = "sc-tech-market-portal") String clientId,
        @NotBlank @Size(max = 200) @Schema(example = "四川技术市场门户 (Sichuan technology market portal)") String name,
        @NotNull @Schema(example = "40000000-0000-4000-8000-000000000001") UUID organisationId,
        @NotEmpty
        @Schema(description = "Roles other than PARTNER write: tokens carry them only once write is granted",
                example = "[\"PARTNER\"]") Set<String> roles,
        @Min(1) @Max(1_000_000)
        @Schema(description = "Requests per rate-limit window; absent for the gateway's default", example = "1200")
        Integer rateLimit) {

    public static final String CLIENT_ID = "[a-z0-9][a-z0-9._-]{2,63}";
}

package io.kechuang.gateway.identity.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A new user of an organisation. The roles must suit the organisation's type; only a brokerage's broker may lead. */
@Schema(name = "UserRequest")
public record UserRequest(
        @NotBlank @Pattern(regexp = USERNAME, message = "must be 3 to 64 characters: a-z, 0-9, '.', '_', '-' or '@'")
        @Schema(example = "li.ttc@scu") String username,
        @Size(max = 200) @Schema(example = "李老师") String displayName,
        @NotNull @Size(min = 12, message = "must be at least 12 characters")
        @Schema(description = "At least 12 characters and at most 72 bytes in UTF-8", example = "correct-horse-battery-42")
        String password,
        @NotNull @Schema(example = "10000000-0000-4000-8000-000000000001") UUID organisationId,
        @NotEmpty @Schema(example = "[\"UNIVERSITY\"]") Set<String> roles,
        @Schema(description = "Makes the user a broker lead (default false): acts on every match assigned to a "
                + "broker of the same brokerage. Only for a user with the role BROKER of a BROKERAGE organisation; "
                + "otherwise 400 naming lead", example = "false") Boolean lead) {

    public static final String USERNAME = "[a-z0-9][a-z0-9._@-]{2,63}";

    /** Usernames are case-insensitive: stored and matched in lower case. */
    public static String normalise(String username) {
        return username == null ? null : username.trim().toLowerCase(java.util.Locale.ROOT);
    }
}

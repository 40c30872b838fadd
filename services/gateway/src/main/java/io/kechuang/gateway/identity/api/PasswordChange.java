package io.kechuang.gateway.identity.api;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A signed-in user's change of their own password: the current one proves it is them, the new one replaces it. */
@Schema(name = "PasswordChange")
public record PasswordChange(
        @NotEmpty @Size(max = PasswordChange.MAX_CURRENT)
        @Schema(description = "The password the user signs in with now", example = "correct-horse-battery-42")
        String currentPassword,
        @NotNull @Size(min = 12, message = "must be at least 12 characters")
        @Schema(description = "At least 12 characters and at most 72 bytes in UTF-8",
                example = "新的密码-staple-battery-43")
        String newPassword) {

    /** Longer than any password the gateway stores, so a longer current password is simply wrong. */
    static final int MAX_CURRENT = 1024;
}

package io.kechuang.gateway.identity.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An admin's new password for a user who lost theirs. */
@Schema(name = "PasswordReset")
public record PasswordReset(
        @NotNull @Size(min = 12, message = "must be at least 12 characters")
        @Schema(description = "At least 12 characters and at most 72 bytes in UTF-8", example = "temporary-password-2026")
        String password) {
}

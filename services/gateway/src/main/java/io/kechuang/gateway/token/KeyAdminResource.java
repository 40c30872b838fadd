package io.kechuang.gateway.token;

import io.kechuang.common.problem.Problem;
import io.kechuang.common.security.Roles;
import io.kechuang.gateway.token.KeyMaterial.VerificationKey;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/admin/keys")
@Tag(name = "Administration (平台管理)")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "401", description = "No token or an invalid token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "The caller is not an admin",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class KeyAdminResource {

    @Inject
    SigningKeys keys;

    /**
     * @param signingKeyId the key new tokens are signed with
     * @param publishedKeyIds every key in the JWK set, the signing key first
     * @param generated whether the gateway generated the keys (and can rotate them) or they come from configuration
     */
    @Schema(name = "TokenKeys")
    public record KeysView(String signingKeyId, List<String> publishedKeyIds, boolean generated) {
        static KeysView of(KeySet set) {
            return new KeysView(set.signing().keyId(),
                    set.verificationKeys().stream().map(VerificationKey::keyId).toList(), set.generated());
        }
    }

    @GET
    @Operation(operationId = "listSigningKeys", summary = "The token keys in force")
    @APIResponse(responseCode = "200", description = "Key ids",
            content = @Content(schema = @Schema(implementation = KeysView.class)))
    public KeysView get() {
        return KeysView.of(keys.current());
    }

    @POST
    @Path("/rotate")
    @Operation(operationId = "rotateSigningKey", summary = "Rotate a generated signing key",
            description = "New tokens are signed with a new key at once; the previous public key stays in the JWK set "
                    + "so tokens already issued keep working until they expire. Services fetch the JWK set again when "
                    + "they meet the new key id. Configured keys (production) are rotated through configuration: 409.")
    @APIResponse(responseCode = "200", description = "The keys after the rotation",
            content = @Content(schema = @Schema(implementation = KeysView.class)))
    @APIResponse(responseCode = "409", description = "The keys come from configuration")
    public KeysView rotate() {
        return KeysView.of(keys.rotate());
    }
}

package io.kechuang.gateway.token;

import io.kechuang.common.problem.ProblemException;
import io.kechuang.gateway.GatewayConfig;
import io.kechuang.gateway.token.KeyMaterial.VerificationKey;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * The gateway's token keys. In production the signing key and any other published keys come from PEM files named
 * in configuration, identical on every replica; rotating them is a configuration change. Without a configured
 * signing key (the local platform) a key pair is generated into a folder on first start and reused on restart, and
 * {@link #rotate()} replaces it while keeping the previous public key published.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    @Inject
    GatewayConfig config;

    private volatile KeySet keys;
    private volatile String jwks;

    void onStart(@Observes @Priority(1) StartupEvent event) {
        current();
    }

    /** The keys in force, loaded on first use. */
    public KeySet current() {
        KeySet k = keys;
        if (k == null) {
            synchronized (this) {
                if (keys == null) {
                    install(load());
                }
                k = keys;
            }
        }
        return k;
    }

    public Optional<VerificationKey> verificationKey(String keyId) {
        return keyId == null ? Optional.empty() : current().find(keyId);
    }

    /** The public JWK set as JSON. */
    public String jwks() {
        current();
        return jwks;
    }

    /** Replaces a generated signing key; the old public key stays published. Configured keys cannot be rotated here. */
    public synchronized KeySet rotate() {
        if (!current().generated()) {
            throw ProblemException.conflict("The signing key comes from configuration (kechuang.gateway.keys.signing-key); "
                    + "rotate it by configuring the new key and publishing the old one in kechuang.gateway.keys.published-keys",
                    Map.of());
        }
        String before = keys.signing().keyId();
        install(withPublished(directory().rotate()));
        LOG.infof("Rotated the token signing key: %s -> %s (the previous key stays published)", before,
                keys.signing().keyId());
        return keys;
    }

    private KeySet load() {
        Optional<Path> configured = config.keys().signingKey();
        if (configured.isPresent()) {
            KeySet loaded = withPublished(new KeySet(KeyMaterial.readSigningKey(configured.get()), List.of(), false));
            LOG.infof("Token signing key %s from %s", loaded.signing().keyId(), configured.get());
            return loaded;
        }
        KeySet loaded = withPublished(directory().load());
        LOG.infof("Token signing key %s kept in %s (set kechuang.gateway.keys.signing-key in production)",
                loaded.signing().keyId(), directory().path().toAbsolutePath());
        return loaded;
    }

    /** Adds the keys of {@code kechuang.gateway.keys.published-keys}. */
    private KeySet withPublished(KeySet keySet) {
        List<VerificationKey> published = config.keys().publishedKeys().orElse(List.of()).stream()
                .map(KeyMaterial::readVerificationKey).toList();
        return new KeySet(keySet.signing(), Stream.concat(keySet.others().stream(), published.stream()).toList(),
                keySet.generated());
    }

    private KeyDirectory directory() {
        Path dir = config.keys().directory();
        return new KeyDirectory(dir, config.keys().generatedKeySize());
    }

    private void install(KeySet next) {
        jwks = next.jwks();
        keys = next;
    }
}

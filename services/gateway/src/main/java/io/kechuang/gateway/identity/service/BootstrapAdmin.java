package io.kechuang.gateway.identity.service;

import io.kechuang.events.taxonomy.OrgType;
import io.kechuang.events.taxonomy.PlatformOrganisation;
import io.kechuang.gateway.GatewayConfig;
import io.kechuang.gateway.PrivateFiles;
import io.kechuang.gateway.identity.Organisation;
import io.kechuang.gateway.identity.UserAccount;
import io.kechuang.gateway.identity.events.IdentityEvents;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * First start: when no enabled administrator exists, creates the platform's own organisation and an administrator,
 * so that someone can sign in and register everybody else. The password comes from configuration, or is generated
 * and printed once to the log. Replicas starting together take a PostgreSQL advisory lock, so only one creates it.
 */
@ApplicationScoped
public class BootstrapAdmin {

    private static final long LOCK_KEY = 0x6b63_6164_6d69_6eL;
    private static final Logger LOG = Logger.getLogger(BootstrapAdmin.class);

    @Inject
    GatewayConfig config;

    @Inject
    Secrets secrets;

    @Inject
    IdentityService identities;

    @Inject
    EntityManager em;

    @Inject
    IdentityEvents events;

    void onStart(@Observes StartupEvent event) {
        if (config.bootstrapAdmin().enabled()) {
            ensureAdmin();
        }
    }

    /** Creates the first administrator unless one exists; returns the generated password if one was generated. */
    @Transactional
    public Optional<String> ensureAdmin() {
        em.createNativeQuery("select 1 from (select pg_advisory_xact_lock(?1)) locked").setParameter(1, LOCK_KEY).getSingleResult();
        if (identities.anyAdmin()) {
            return Optional.empty();
        }
        GatewayConfig.BootstrapAdmin settings = config.bootstrapAdmin();
        Organisation platform = Organisation.findById(PlatformOrganisation.ID);
        if (platform == null) {
            platform = new Organisation();
            platform.id = PlatformOrganisation.ID;
            platform.name = "科创通平台 (Kechuang platform)";
            platform.type = OrgType.PLATFORM;
            platform.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
            platform.persist();
            events.organisationChanged(platform);
        }
        String username = settings.username().trim().toLowerCase(java.util.Locale.ROOT);
        UserAccount existing = UserAccount.find("username", username).firstResult();
        if (existing != null) {
            LOG.warnf("No enabled administrator exists, but the user '%s' does; not creating another. "
                    + "Enable it, or set kechuang.gateway.bootstrap-admin.username to a free name.", username);
            return Optional.empty();
        }
        Optional<String> configured = settings.password().filter(p -> !p.isBlank());
        String password = configured.orElseGet(() -> Secrets.generate(18));
        UserAccount admin = new UserAccount();
        admin.id = UUID.randomUUID();
        admin.username = username;
        admin.displayName = "Platform administrator";
        admin.passwordHash = secrets.hash(password);
        admin.organisationId = platform.id;
        admin.roles = Set.of("ADMIN");
        admin.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        admin.persist();
        events.userChanged(admin);
        if (configured.isPresent()) {
            LOG.infof("Created the first administrator '%s' with the configured password", username);
            return Optional.empty();
        }
        settings.passwordFile().ifPresent(file -> writePrivately(file, password));
        LOG.warnf("Created the first administrator '%s' with the generated password %s (shown only now%s). "
                + "Sign in with POST /auth/token and register organisations, users and clients under /api/admin.",
                username, password, settings.passwordFile().map(f -> "; also written to " + f).orElse(""));
        return Optional.of(password);
    }

    private static void writePrivately(Path file, String password) {
        try {
            PrivateFiles.write(file, password + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the administrator password to " + file, e);
        }
    }
}

package io.kechuang.matching.directory;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.kechuang.common.consumer.VersionCheck;
import io.kechuang.events.EventEnvelope;
import io.kechuang.events.EventJson;
import io.kechuang.events.Revision;
import io.kechuang.events.identity.OrganisationState;
import io.kechuang.events.identity.UserState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import org.hibernate.query.TypedParameterValue;
import org.hibernate.type.StandardBasicTypes;
import org.jboss.logging.Logger;

/**
 * The service's copy of the platform's organisations and users, from {@code identity.v1}: the
 * {@link IdentityConsumer} applies each event here, and the workflow and the views look brokers and brokerages up.
 * <p>
 * An event is applied only if its revision (the producer's epoch, then {@code aggregateVersion}) is newer than the one
 * the row holds ({@link VersionCheck}); replays, duplicates and older events change nothing. The upsert itself repeats
 * that guard, so that two writers racing on a new row cannot put an older state over a newer one.
 */
@ApplicationScoped
public class Directory {

    private static final Logger LOG = Logger.getLogger(Directory.class);
    private static final String HELD_ORGANISATION = "select epoch, version from directory_organisation where id = ?1 "
            + "for update";
    private static final String HELD_USER = "select epoch, version from directory_user where id = ?1 for update";

    @Inject
    EntityManager em;

    /** @return whether the event changed the directory */
    @Transactional
    public boolean applyOrganisation(EventEnvelope<OrganisationState> event) {
        OrganisationState o = event.data();
        Optional<Revision> held = heldRevision(HELD_ORGANISATION, o.id());
        if (!VersionCheck.isNewer(event.revision(), held)) {
            LOG.debugf("Organisation %s %s already applied (held %s)", o.id(), event.revision(), held);
            return false;
        }
        em.createNativeQuery("insert into directory_organisation (id, name, type, region_code, enabled, epoch, version, "
                        + "updated_at) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) on conflict (id) do update set "
                        + "name = excluded.name, type = excluded.type, region_code = excluded.region_code, "
                        + "enabled = excluded.enabled, epoch = excluded.epoch, version = excluded.version, "
                        + "updated_at = excluded.updated_at where (directory_organisation.epoch, "
                        + "directory_organisation.version) < (excluded.epoch, excluded.version)")
                .setParameter(1, o.id())
                .setParameter(2, o.name())
                .setParameter(3, new TypedParameterValue<>(StandardBasicTypes.STRING,
                        o.type() == null ? null : o.type().name()))
                .setParameter(4, new TypedParameterValue<>(StandardBasicTypes.STRING, o.regionCode()))
                .setParameter(5, o.enabled())
                .setParameter(6, event.epoch())
                .setParameter(7, event.aggregateVersion())
                .setParameter(8, new TypedParameterValue<>(StandardBasicTypes.OFFSET_DATE_TIME,
                        o.updatedAt() != null ? o.updatedAt() : event.time()))
                .executeUpdate();
        return true;
    }

    /** @return whether the event changed the directory */
    @Transactional
    public boolean applyUser(EventEnvelope<UserState> event) {
        UserState u = event.data();
        Optional<Revision> held = heldRevision(HELD_USER, u.id());
        if (!VersionCheck.isNewer(event.revision(), held)) {
            LOG.debugf("User %s %s already applied (held %s)", u.id(), event.revision(), held);
            return false;
        }
        String roles;
        try {
            roles = EventJson.mapper().writeValueAsString(u.roles() == null ? List.of() : new TreeSet<>(u.roles()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("roles of user " + u.id() + " cannot be written", e);
        }
        em.createNativeQuery("insert into directory_user (id, subject, organisation_id, display_name, roles, lead, "
                        + "enabled, epoch, version, updated_at) values (?1, ?2, ?3, ?4, cast(?5 as jsonb), ?6, ?7, ?8, ?9, "
                        + "?10) on conflict (id) do update set subject = excluded.subject, "
                        + "organisation_id = excluded.organisation_id, display_name = excluded.display_name, "
                        + "roles = excluded.roles, lead = excluded.lead, enabled = excluded.enabled, "
                        + "epoch = excluded.epoch, version = excluded.version, updated_at = excluded.updated_at "
                        + "where (directory_user.epoch, directory_user.version) < (excluded.epoch, excluded.version)")
                .setParameter(1, u.id())
                .setParameter(2, u.subject())
                .setParameter(3, u.organisationId())
                .setParameter(4, new TypedParameterValue<>(StandardBasicTypes.STRING, u.displayName()))
                .setParameter(5, roles)
                .setParameter(6, u.lead())
                .setParameter(7, u.enabled())
                .setParameter(8, event.epoch())
                .setParameter(9, event.aggregateVersion())
                .setParameter(10, new TypedParameterValue<>(StandardBasicTypes.OFFSET_DATE_TIME,
                        u.updatedAt() != null ? u.updatedAt() : event.time()))
                .executeUpdate();
        return true;
    }

    /**
     * The user who signs in as {@code subject}. Usernames are unique at the gateway; should the directory ever hold two
     * users with one subject, the one changed last counts.
     */
    @Transactional
    public Optional<DirectoryUser> user(String subject) {
        if (subject == null) {
            return Optional.empty();
        }
        return DirectoryUser.<DirectoryUser>find("subject", subject).list().stream()
                .max(Comparator.comparing((DirectoryUser u) -> u.updatedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(u -> u.version));
    }

    @Transactional
    public Optional<DirectoryOrganisation> organisation(UUID id) {
        return id == null ? Optional.empty() : Optional.ofNullable(DirectoryOrganisation.findById(id));
    }

    /**
     * The names of brokers (by subject and organisation) and of organisations, for a page of views, in two queries.
     * A user counts only in the organisation it belongs to.
     */
    @Transactional
    public Names names(Collection<String> subjects, Collection<UUID> organisations) {
        Map<Names.Member, String> users = new HashMap<>();
        if (!subjects.isEmpty()) {
            List<DirectoryUser> found = DirectoryUser.<DirectoryUser>find("subject in ?1", List.copyOf(subjects)).list();
            found.stream().sorted(Comparator.comparing((DirectoryUser u) -> u.updatedAt,
                            Comparator.nullsFirst(Comparator.naturalOrder())))
                    .filter(u -> u.displayName != null)
                    .forEach(u -> users.put(new Names.Member(u.subject, u.organisationId), u.displayName));
        }
        Map<UUID, String> orgs = new HashMap<>();
        if (!organisations.isEmpty()) {
            DirectoryOrganisation.<DirectoryOrganisation>find("id in ?1", List.copyOf(organisations)).list()
                    .forEach(o -> orgs.put(o.id, o.name));
        }
        return new Names(users, orgs);
    }

    /** Display names of users and names of organisations, as the directory knows them; null where it does not. */
    public record Names(Map<Member, String> users, Map<UUID, String> organisations) {

        /** A user in an organisation. */
        public record Member(String subject, UUID organisationId) {
        }

        public String user(String subject, UUID organisationId) {
            return subject == null ? null : users.get(new Member(subject, organisationId));
        }

        public String organisation(UUID id) {
            return id == null ? null : organisations.get(id);
        }
    }

    /** The revision a row holds, locked until the transaction ends; empty for a row not seen yet. */
    private Optional<Revision> heldRevision(String query, UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(query)
                .setParameter(1, id).getResultList();
        return rows.stream().findFirst()
                .map(r -> new Revision(((Number) r[0]).longValue(), ((Number) r[1]).longValue()));
    }
}

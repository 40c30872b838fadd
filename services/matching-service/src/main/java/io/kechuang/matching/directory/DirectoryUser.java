package io.kechuang.matching.directory;

import io.kechuang.common.security.Roles;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A user as {@code identity.v1} last described it: who signs in as {@link #subject} (the token's {@code sub}), for
 * which organisation, in which roles, whether a lead of its brokerage, whether enabled. Read-only here: only the
 * {@link Directory} writes it, from the events.
 */
@Entity
@Immutable
public class DirectoryUser extends PanacheEntityBase {

    @Id
    public UUID id;

    public String subject;

    public UUID organisationId;

    public String displayName;

    @JdbcTypeCode(SqlTypes.JSON)
    public Set<String> roles;

    public boolean lead;

    public boolean enabled;

    public long epoch;

    public long version;

    public OffsetDateTime updatedAt;

    /** An enabled user in the BROKER role: someone a match may be assigned to. */
    public boolean isActiveBroker() {
        return enabled && roles != null && roles.contains(Roles.BROKER);
    }
}

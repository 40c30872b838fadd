package io.kechuang.gateway.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A person who signs in with a username and password for one organisation. */
@Entity
@Table(name = "app_user")
public class UserAccount extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Lower case; also the token's {@code sub} and {@code upn}. */
    @Column(nullable = false, updatable = false)
    public String username;

    @Column(name = "display_name")
    public String displayName;

    /** bcrypt, Modular Crypt Format. */
    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Column(name = "organisation_id", nullable = false, updatable = false)
    public UUID organisationId;

    /** The token's {@code groups}. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Set<String> roles = new LinkedHashSet<>();

    @Column(nullable = false)
    public boolean enabled = true;

    /**
     * Leads the brokerage's brokers: acts on every match assigned to a broker of the same organisation. A flag on
     * {@code identity.v1}, not a token group; only a BROKER of a BROKERAGE carries it.
     */
    @Column(nullable = false)
    public boolean lead;

    /** The version of its last state on {@code identity.v1}; 0 until it was first published. */
    @Column(nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    /** When its last published state was made. */
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
}

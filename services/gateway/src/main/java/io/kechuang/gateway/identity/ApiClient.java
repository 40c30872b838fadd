package io.kechuang.gateway.identity;

import io.kechuang.gateway.identity.service.RoleRules;
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

/** A program that signs in with a client id and secret (OAuth2 client credentials), such as a partner portal. */
@Entity
@Table(name = "api_client")
public class ApiClient extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Also the token's {@code sub} and {@code upn}. */
    @Column(name = "client_id", nullable = false, updatable = false)
    public String clientId;

    @Column(nullable = false)
    public String name;

    /** bcrypt of the secret; the secret itself is shown once, when it is made. */
    @Column(name = "secret_hash", nullable = false)
    public String secretHash;

    @Column(name = "organisation_id", nullable = false, updatable = false)
    public UUID organisationId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Set<String> roles = new LinkedHashSet<>();

    /** Requests per rate-limit window; null for the gateway's default. */
    @Column(name = "rate_limit")
    public Integer rateLimit;

    @Column(nullable = false)
    public boolean enabled = true;

    /** The admin who allowed this client's write roles; null while the client is read-only. */
    @Column(name = "write_granted_by")
    public String writeGrantedBy;

    @Column(name = "write_granted_at")
    public OffsetDateTime writeGrantedAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    public boolean writeGranted() {
        return writeGrantedAt != null;
    }

    /** The roles a token of this client carries: all of them with a write grant, else only the read-only ones. */
    public Set<String> tokenRoles() {
        return writeGranted() ? roles : RoleRules.readOnly(roles);
    }
}

package io.kechuang.gateway.console;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One signed-in browser. The cookie's value is never stored, only its SHA-256. */
@Entity
@Table(name = "console_session")
public class ConsoleSession extends PanacheEntityBase {

    @Id
    @Column(name = "id_hash")
    public String idHash;

    @Column(name = "user_id", nullable = false, updatable = false)
    public UUID userId;

    @Column(nullable = false, updatable = false)
    public String username;

    @Column(name = "csrf_token", nullable = false, updatable = false)
    public String csrfToken;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "last_seen_at", nullable = false)
    public OffsetDateTime lastSeenAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    public OffsetDateTime expiresAt;
}

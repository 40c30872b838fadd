package io.kechuang.matching.directory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** An organisation as {@code identity.v1} last described it. Read-only here: only the {@link Directory} writes it. */
@Entity
@Immutable
public class DirectoryOrganisation extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    public String type;

    public String regionCode;

    public boolean enabled;

    public long epoch;

    public long version;

    public OffsetDateTime updatedAt;
}

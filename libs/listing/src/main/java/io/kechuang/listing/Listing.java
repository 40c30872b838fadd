package io.kechuang.listing;

import io.kechuang.common.mapping.Normalise;
import io.kechuang.common.problem.FieldErrors;
import io.kechuang.common.security.Caller;
import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.events.taxonomy.TechnicalField;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * What every listing on the market has, whether an achievement (科技成果) or a demand (技术需求): an owning
 * organisation, a title, keywords, a technical field, IPC codes, cooperation modes, a region, a language, a contact
 * and a version. Each service's entity extends it with its own fields and status, in a table with these columns.
 * List-valued parts are stored as jsonb.
 */
@MappedSuperclass
public abstract class Listing extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "owner_org_id", nullable = false, updatable = false)
    public UUID ownerOrgId;

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;

    @Version
    public long version;

    @Column(nullable = false)
    public String title;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> keywords = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(name = "technical_field")
    public TechnicalField technicalField;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "ipc_codes")
    public List<String> ipcCodes = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "cooperation_modes")
    public Set<CooperationMode> cooperationModes = new LinkedHashSet<>();

    /**
     * Confidential: shown to the owner and admins, to organisations introduced to the listing through a match (see
     * {@link Disclosure}; after accepting any NDA the owner requires), and to the broker assigned to one of its
     * matches once the owner granted it (audited).
     */
    @JdbcTypeCode(SqlTypes.JSON)
    public Contact contact;

    /** A GB/T 2260 code. */
    public String region;

    public String language;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** Makes a new listing the caller's organisation's, created now. */
    public void claimFor(Caller caller) {
        id = UUID.randomUUID();
        ownerOrgId = caller.orgId();
        createdBy = caller.subject();
        createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        updatedAt = createdAt;
    }

    /** Records that the listing changed now. */
    public void touch() {
        updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** Whether the caller may see everything: a user of the owning organisation, or an admin. */
    public boolean disclosesTo(Caller caller) {
        return caller.isAdmin() || caller.belongsTo(ownerOrgId);
    }

    /** Replaces the parts every listing has with the owner's request, tidied. */
    public void applyShared(ListingRequest request) {
        title = request.title().strip();
        keywords = Normalise.distinct(request.keywords());
        technicalField = request.technicalField();
        ipcCodes = Normalise.ipcCodes(request.ipcCodes());
        cooperationModes = request.cooperationModes() == null ? new LinkedHashSet<>()
                : new LinkedHashSet<>(request.cooperationModes());
        contact = request.contact() == null ? null : Contact.of(request.contact());
        region = request.region();
        language = request.language() == null ? "zh" : request.language();
    }

    /**
     * What every listing needs before it goes public: something to match on and someone to reach. Each service adds
     * its own rules to the result.
     *
     * @param purpose ends each message, e.g. {@code to open}
     */
    public FieldErrors readiness(String purpose) {
        return new FieldErrors()
                .present(keywords, "keywords", "at least one keyword is required " + purpose)
                .present(technicalField, "technicalField", "is required " + purpose)
                .present(cooperationModes, "cooperationModes", "at least one cooperation mode is required " + purpose)
                .present(region, "region", "is required " + purpose)
                .present(contact, "contact", "is required " + purpose)
                .check(contact == null || contact.reachable(), "contact", "needs a phone or an email");
    }

    /** The stored contact person. */
    public record Contact(String person, String phone, String email) {

        static Contact of(ContactInput input) {
            return new Contact(input.person(), input.phone(), input.email());
        }

        /** Whether there is a way to reach the person: a phone or an email. */
        public boolean reachable() {
            return (phone != null && !phone.isBlank()) || (email != null && !email.isBlank());
        }

        public ContactInput toInput() {
            return new ContactInput(person, phone, email);
        }
    }
}

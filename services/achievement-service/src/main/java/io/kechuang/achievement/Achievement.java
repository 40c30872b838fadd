package io.kechuang.achievement;

import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.achievement.IpType;
import io.kechuang.events.achievement.MaturityStage;
import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.events.taxonomy.TechnicalField;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** 科技成果: an achievement owned by a university or research institute. List-valued parts are stored as jsonb. */
@Entity
@Table(name = "achievement")
public class Achievement extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "owner_org_id", nullable = false, updatable = false)
    public UUID ownerOrgId;

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AchievementStatus status;

    @Version
    public long version;

    @Column(nullable = false)
    public String title;

    public String summary;

    public String description;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> keywords = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(name = "technical_field")
    public TechnicalField technicalField;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "ipc_codes")
    public List<String> ipcCodes = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(name = "ip_type")
    public IpType ipType;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<Patent> patents = new ArrayList<>();

    public Integer trl;

    @Enumerated(EnumType.STRING)
    public MaturityStage stage;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "cooperation_modes")
    public Set<CooperationMode> cooperationModes = new LinkedHashSet<>();

    @Column(name = "price_amount")
    public BigDecimal priceAmount;

    @Column(name = "price_currency")
    public String priceCurrency;

    @Column(name = "price_negotiable")
    public boolean priceNegotiable;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<String> advantages = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "application_scenarios")
    public List<String> applicationScenarios = new ArrayList<>();

    /** Personal data: shown only to the owner and admins. */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<Inventor> inventors = new ArrayList<>();

    /** Shown only to the owner and admins (later: the assigned broker and introduced counterparts). */
    @JdbcTypeCode(SqlTypes.JSON)
    public Contact contact;

    public String region;

    public String language;

    @Column(name = "expires_on")
    public LocalDate expiresOn;

    /** Why it was last withdrawn or transferred, as the owner stated it. */
    @Column(name = "status_reason")
    public String statusReason;

    @Column(name = "created_at", nullable = false, updatable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Column(name = "published_at")
    public OffsetDateTime publishedAt;

    public record Patent(String number, io.kechuang.events.achievement.PatentLegalStatus legalStatus) {
    }

    public record Inventor(String name, String title, String email, String phone) {
    }

    public record Contact(String person, String phone, String email) {
    }
}

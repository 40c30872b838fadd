package io.kechuang.achievement;

import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.achievement.IpType;
import io.kechuang.events.achievement.MaturityStage;
import io.kechuang.listing.Listing;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * 科技成果: an achievement owned by a university or research institute. The parts every listing has (title,
 * keywords, field, contact, region, ...) come from {@link Listing}.
 */
@Entity
@Table(name = "achievement")
public class Achievement extends Listing {

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AchievementStatus status;

    public String summary;

    public String description;

    @Enumerated(EnumType.STRING)
    @Column(name = "ip_type")
    public IpType ipType;

    @JdbcTypeCode(SqlTypes.JSON)
    public List<Patent> patents = new ArrayList<>();

    public Integer trl;

    @Enumerated(EnumType.STRING)
    public MaturityStage stage;

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

    /** Personal data: shown only to the owner and admins, never to introduced organisations. */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<Inventor> inventors = new ArrayList<>();

    @Column(name = "expires_on")
    public LocalDate expiresOn;

    /** Why it was last withdrawn or transferred, as the owner stated it. */
    @Column(name = "status_reason")
    public String statusReason;

    @Column(name = "published_at")
    public OffsetDateTime publishedAt;

    public record Patent(String number, io.kechuang.events.achievement.PatentLegalStatus legalStatus) {
    }

    public record Inventor(String name, String title, String email, String phone) {
    }
}

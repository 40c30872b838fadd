package io.kechuang.testing.security;

import io.kechuang.events.identity.OrganisationState;
import io.kechuang.events.identity.UserState;
import io.kechuang.events.taxonomy.OrgType;
import io.kechuang.events.taxonomy.PlatformOrganisation;
import io.kechuang.testing.IdentityEvents;
import io.kechuang.testing.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The cast of the security suite. Records are owned by {@code university} U and {@code enterprise} E; a match between
 * them is assigned to {@code broker} B of brokerage K, whose {@code broker-lead} L leads K. Each {@code foreign-*}
 * role is an organisation (or user) of the same kind that owns nothing here: U2, E2, broker B2 and lead L2 of
 * brokerage K2. {@code partner} is a partner portal, {@code admin} the platform operator, {@code none} sends no token.
 *
 * <p>Tokens are libs/testing's ({@link TestTokens}), so this world serves every service that verifies the test key.
 * Broker leads are not a token group: {@link #publishIdentity} tells the matching service who leads, on
 * {@code identity.v1}.
 */
public final class SecurityWorld implements RoleTokens {

    /** Every role a table must cover for every operation. */
    public static final List<String> ROLES = List.of("none", "university", "foreign-university", "enterprise",
            "foreign-enterprise", "broker", "foreign-broker", "broker-lead", "foreign-broker-lead", "partner", "admin");

    public final UUID university = UUID.randomUUID();
    public final UUID foreignUniversity = UUID.randomUUID();
    public final UUID enterprise = UUID.randomUUID();
    public final UUID foreignEnterprise = UUID.randomUUID();
    public final UUID brokerage = UUID.randomUUID();
    public final UUID foreignBrokerage = UUID.randomUUID();
    public final UUID partner = UUID.randomUUID();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    public final String broker = "sec-broker-" + suffix;
    public final String brokerLead = "sec-lead-" + suffix;
    public final String foreignBroker = "sec-broker2-" + suffix;
    public final String foreignBrokerLead = "sec-lead2-" + suffix;

    @Override
    public String token(String role) {
        return switch (role) {
            case "none" -> null;
            case "university" -> user("sec-university-" + suffix, university, "UNIVERSITY", "UNIVERSITY");
            case "foreign-university" ->
                    user("sec-university2-" + suffix, foreignUniversity, "UNIVERSITY", "UNIVERSITY");
            case "enterprise" -> user("sec-enterprise-" + suffix, enterprise, "ENTERPRISE", "ENTERPRISE");
            case "foreign-enterprise" ->
                    user("sec-enterprise2-" + suffix, foreignEnterprise, "ENTERPRISE", "ENTERPRISE");
            case "broker" -> user(broker, brokerage, "BROKERAGE", "BROKER");
            case "broker-lead" -> user(brokerLead, brokerage, "BROKERAGE", "BROKER");
            case "foreign-broker" -> user(foreignBroker, foreignBrokerage, "BROKERAGE", "BROKER");
            case "foreign-broker-lead" -> user(foreignBrokerLead, foreignBrokerage, "BROKERAGE", "BROKER");
            case "partner" -> TestTokens.forUser("sec-partner-" + suffix).org(partner, OrgType.PARTNER.name())
                    .groups("PARTNER").mint();
            case "admin" -> TestTokens.admin();
            default -> throw new IllegalArgumentException("unknown role " + role + "; roles are " + ROLES);
        };
    }

    private static String user(String subject, UUID org, String orgType, String group) {
        return TestTokens.forUser(subject).org(org, orgType).groups(group).mint();
    }

    /**
     * The placeholders every body and parameter may use: the organisations and subjects above, and dates on the
     * platform's calendar ({@code today}, {@code nextWeek} as a timestamp, {@code nextYear} as a date). The runner adds
     * {@code unique}, new at every use.
     */
    public Map<String, String> vars() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("university", university.toString());
        v.put("foreignUniversity", foreignUniversity.toString());
        v.put("enterprise", enterprise.toString());
        v.put("foreignEnterprise", foreignEnterprise.toString());
        v.put("brokerage", brokerage.toString());
        v.put("foreignBrokerage", foreignBrokerage.toString());
        v.put("partner", partner.toString());
        v.put("broker", broker);
        v.put("brokerLead", brokerLead);
        v.put("foreignBroker", foreignBroker);
        v.put("foreignBrokerLead", foreignBrokerLead);
        v.put("platform", PlatformOrganisation.ID.toString());
        LocalDate today = LocalDate.now(ZoneId.of(PlatformOrganisation.ZONE));
        v.put("today", today.toString());
        v.put("yesterday", today.minusDays(1).toString());
        v.put("nextMonth", today.plusMonths(1).toString());
        v.put("nextYear", today.plusYears(1).toString());
        v.put("nextWeek", OffsetDateTime.now(ZoneOffset.UTC).plusDays(7).truncatedTo(ChronoUnit.SECONDS).toString());
        return v;
    }

    /**
     * Publishes the cast's organisations and users on {@code identity.v1} as the gateway does (creating the topic if
     * it is missing): B and B2 as brokers, L and L2 as brokers with the lead flag, each enabled.
     */
    public void publishIdentity(String bootstrapServers) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (IdentityEvents events = new IdentityEvents(bootstrapServers).ensureTopic()) {
            Map<UUID, OrgType> orgs = new LinkedHashMap<>();
            orgs.put(university, OrgType.UNIVERSITY);
            orgs.put(foreignUniversity, OrgType.UNIVERSITY);
            orgs.put(enterprise, OrgType.ENTERPRISE);
            orgs.put(foreignEnterprise, OrgType.ENTERPRISE);
            orgs.put(brokerage, OrgType.BROKERAGE);
            orgs.put(foreignBrokerage, OrgType.BROKERAGE);
            orgs.put(partner, OrgType.PARTNER);
            for (Map.Entry<UUID, OrgType> org : orgs.entrySet()) {
                OrganisationState state = new OrganisationState(org.getKey(), "安全测试 " + org.getValue() + " " + suffix,
                        org.getValue(), "510100", true, 1, now);
                events.publish(state);
            }
            for (Object[] u : new Object[][] {{broker, brokerage, false}, {brokerLead, brokerage, true},
                    {foreignBroker, foreignBrokerage, false}, {foreignBrokerLead, foreignBrokerage, true}}) {
                UUID id = UUID.nameUUIDFromBytes(((String) u[0]).getBytes(StandardCharsets.UTF_8));
                UserState state = new UserState(id, (String) u[0], (UUID) u[1], "经理人 " + u[0], Set.of("BROKER"),
                        (Boolean) u[2], true, 1, now);
                events.publish(state);
            }
        }
    }
}

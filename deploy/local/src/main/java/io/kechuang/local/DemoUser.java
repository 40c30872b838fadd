package io.kechuang.local;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.kechuang.events.taxonomy.PlatformOrganisation;

/**
 * The demo accounts of the local platform, one per role. After every start the launcher makes sure they exist in
 * the gateway (through its admin API) and signs each of them in at {@code /auth/token}. Their organisation ids are
 * fixed, so what one of them creates stays theirs across restarts.
 *
 * <p>Four are people with the password {@link #DEMO_PASSWORD} (two of them brokers of the demo brokerage, one its
 * lead); {@link #PARTNER} is an API client (a partner
 * portal) whose secret the gateway generates and the launcher keeps in {@code <data>/partner-client-secret};
 * {@link #ADMIN} is the gateway's first administrator, whose password the launcher generates once into
 * {@code <data>/admin-password}. These are local-only demo credentials: the platform listens on 127.0.0.1.
 */
public enum DemoUser {
    UNIVERSITY("demo-university", Kind.USER, "10000000-0000-4000-8000-000000000001", "UNIVERSITY", "UNIVERSITY",
            "演示大学技术转移中心 (demo university)"),
    ENTERPRISE("demo-enterprise", Kind.USER, "20000000-0000-4000-8000-000000000001", "ENTERPRISE", "ENTERPRISE",
            "演示动力电池有限公司 (demo enterprise)"),
    BROKER("demo-broker", Kind.USER, "30000000-0000-4000-8000-000000000001", "BROKERAGE", "BROKER",
            "演示技术经纪有限公司 (demo brokerage)"),
    /**
     * A broker lead of the demo brokerage: acts on every match assigned to a broker of it (the lead flag on
     * identity.v1; the token's groups are plain BROKER).
     */
    BROKER_LEAD("demo-broker-lead", Kind.USER, BROKER.orgId, "BROKERAGE", "BROKER", null, true),
    PARTNER("demo-partner-portal", Kind.CLIENT, "40000000-0000-4000-8000-000000000001", "PARTNER", "PARTNER",
            "演示合作门户 (demo partner portal)"),
    /** The gateway's first administrator, in the platform's own organisation (made by the gateway itself). */
    ADMIN("admin", Kind.ADMIN, PlatformOrganisation.ID.toString(), "PLATFORM", "ADMIN", null);

    /** The password of the three demo people. Local-only: never use it for anything reachable from elsewhere. */
    public static final String DEMO_PASSWORD = "kechuang-local-demo";
    /** Where the demo organisations are, for the organisation records (成都市). */
    static final String DEMO_REGION = "510100";

    /** How the account signs in. */
    public enum Kind {
        /** A person: the password grant with {@link #DEMO_PASSWORD}. */
        USER,
        /** A program: the client-credentials grant with the secret the gateway generated. */
        CLIENT,
        /** The bootstrap administrator: the password grant with the launcher-generated password. */
        ADMIN
    }

    private final String subject;
    private final Kind kind;
    private final String orgId;
    private final String orgType;
    private final String role;
    private final String orgName;
    private final boolean lead;

    DemoUser(String subject, Kind kind, String orgId, String orgType, String role, String orgName) {
        this(subject, kind, orgId, orgType, role, orgName, false);
    }

    DemoUser(String subject, Kind kind, String orgId, String orgType, String role, String orgName, boolean lead) {
        this.subject = subject;
        this.kind = kind;
        this.orgId = orgId;
        this.orgType = orgType;
        this.role = role;
        this.orgName = orgName;
        this.lead = lead;
    }

    /** The username (or client id): the token's {@code sub}. */
    public String subject() {
        return subject;
    }

    public Kind kind() {
        return kind;
    }

    public String orgId() {
        return orgId;
    }

    public String orgType() {
        return orgType;
    }

    /** The token's {@code groups}. */
    public List<String> groups() {
        return List.of(role);
    }

    /** Whether the admin API makes this account a broker lead. */
    boolean lead() {
        return lead;
    }

    /**
     * The organisation's name when the launcher registers it; empty for the platform's own (the gateway's) and for an
     * account of an organisation another demo account registers.
     */
    Optional<String> orgName() {
        return Optional.ofNullable(orgName);
    }

    /** {@code UNIVERSITY_TOKEN} and so on, in tokens.env. */
    public String tokenVariable() {
        return name() + "_TOKEN";
    }

    /** {@code UNIVERSITY_ORG} and so on, in tokens.env. */
    public String orgVariable() {
        return name() + "_ORG";
    }

    /** {@code university}, {@code UNIVERSITY} or the subject ({@code demo-university}): for {@code run token}. */
    public static Optional<DemoUser> parse(String name) {
        String n = name.strip();
        for (DemoUser user : values()) {
            if (user.name().equalsIgnoreCase(n) || user.subject.equals(n.toLowerCase(Locale.ROOT))) {
                return Optional.of(user);
            }
        }
        return Optional.empty();
    }
}

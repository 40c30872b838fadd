package io.kechuang.local;

import java.util.List;

import io.kechuang.testing.TestTokens;

/**
 * The demo users the local platform mints tokens for, one per role. Their organisation ids are fixed, so what
 * one of them creates stays theirs across restarts.
 */
public enum DemoUser {
    UNIVERSITY("demo-university", "10000000-0000-4000-8000-000000000001", "UNIVERSITY", "UNIVERSITY"),
    ENTERPRISE("demo-enterprise", "20000000-0000-4000-8000-000000000001", "ENTERPRISE", "ENTERPRISE"),
    BROKER("demo-broker", "30000000-0000-4000-8000-000000000001", "BROKERAGE", "BROKER"),
    PARTNER("demo-partner-portal", "40000000-0000-4000-8000-000000000001", "PARTNER", "PARTNER"),
    /** The platform's own organisation, the one the test tokens use for admins too. */
    ADMIN("demo-admin", TestTokens.PLATFORM_ORG_ID, "PLATFORM", "ADMIN");

    private final String subject;
    private final String orgId;
    private final String orgType;
    private final List<String> groups;

    DemoUser(String subject, String orgId, String orgType, String... groups) {
        this.subject = subject;
        this.orgId = orgId;
        this.orgType = orgType;
        this.groups = List.of(groups);
    }

    public String subject() {
        return subject;
    }

    /** {@code upn}: an e-mail-like name. */
    public String upn() {
        return subject + "@kechuang.local";
    }

    public String orgId() {
        return orgId;
    }

    public String orgType() {
        return orgType;
    }

    public List<String> groups() {
        return groups;
    }

    /** {@code UNIVERSITY_TOKEN} and so on, in tokens.env. */
    public String tokenVariable() {
        return name() + "_TOKEN";
    }

    /** {@code UNIVERSITY_ORG} and so on, in tokens.env. */
    public String orgVariable() {
        return name() + "_ORG";
    }
}

package io.kechuang.common.security;

/** The {@code groups} a token can carry. */
public final class Roles {
    public static final String UNIVERSITY = "UNIVERSITY";
    public static final String ENTERPRISE = "ENTERPRISE";
    public static final String BROKER = "BROKER";
    public static final String PARTNER = "PARTNER";
    public static final String ADMIN = "ADMIN";

    private Roles() {
    }
}

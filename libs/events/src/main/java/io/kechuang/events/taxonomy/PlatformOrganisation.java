package io.kechuang.events.taxonomy;

import java.util.UUID;

/**
 * The platform operator's own organisation ({@link OrgType#PLATFORM}): the gateway creates it with the first
 * administrator, and every administrator's token carries its id in the {@code org} claim.
 */
public final class PlatformOrganisation {

    /** Fixed, so that the gateway, the local launcher and the test tokens name the same organisation. */
    public static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000001");

    /** The operator's time zone: the default of the platform's calendar ({@code kechuang.platform.zone}). */
    public static final String ZONE = "Asia/Shanghai";

    private PlatformOrganisation() {
    }
}

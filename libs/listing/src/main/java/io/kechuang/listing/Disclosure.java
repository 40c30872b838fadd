package io.kechuang.listing;

import io.kechuang.events.access.AccessScope;
import java.util.Set;

/**
 * How much of a listing a caller may see beyond its public parts. Each kind of listing maps these to its own fields.
 */
public enum Disclosure {

    /** The public parts only. */
    PUBLIC,

    /**
     * Plus the contact: users of an organisation introduced to the listing through a match (once they accepted any NDA
     * it requires), and the assigned broker the owner granted {@link AccessScope#CONTACT}.
     */
    CONTACT,

    /**
     * Plus the confidential details a third party needs to work on the listing, without the contact or the owner's own
     * notes: the assigned broker the owner granted {@link AccessScope#DETAILS} only.
     */
    DETAILS,

    /**
     * Plus the confidential details and the contact, but not the owner's own notes: the assigned broker the owner
     * granted both.
     */
    CONFIDENTIAL,

    /** Everything: users of the owning organisation, and admins. */
    OWNER;

    /** What an owner's grant of {@code scopes} discloses to the broker. */
    public static Disclosure granted(Set<AccessScope> scopes) {
        boolean details = scopes.contains(AccessScope.DETAILS);
        boolean contact = scopes.contains(AccessScope.CONTACT);
        return details && contact ? CONFIDENTIAL : details ? DETAILS : contact ? CONTACT : PUBLIC;
    }

    public boolean contact() {
        return this == CONTACT || this == CONFIDENTIAL || this == OWNER;
    }

    public boolean confidential() {
        return this == DETAILS || this == CONFIDENTIAL || this == OWNER;
    }

    public boolean owner() {
        return this == OWNER;
    }
}

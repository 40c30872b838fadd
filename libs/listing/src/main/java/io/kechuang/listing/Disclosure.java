package io.kechuang.listing;

/**
 * How much of a listing a caller may see beyond its public parts. Each kind of listing maps these to its own fields.
 */
public enum Disclosure {

    /** The public parts only. */
    PUBLIC,

    /** Plus the contact: users of an organisation introduced to the listing through a match. */
    CONTACT,

    /**
     * Plus the confidential details a third party needs to work on the listing, but not the owner's own notes: the
     * broker assigned to a match of a demand.
     */
    CONFIDENTIAL,

    /** Everything: users of the owning organisation, and admins. */
    OWNER;

    public boolean contact() {
        return this != PUBLIC;
    }

    public boolean confidential() {
        return this == CONFIDENTIAL || this == OWNER;
    }

    public boolean owner() {
        return this == OWNER;
    }
}

package io.kechuang.listing.consent;

/** In which role someone accepted a listing's NDA terms. */
public enum NdaCapacity {
    /** The broker assigned to a live match of the listing, before a grant discloses anything. */
    BROKER,
    /** A user of an organisation introduced to the listing through a match, before its contact is shown. */
    COUNTERPART
}

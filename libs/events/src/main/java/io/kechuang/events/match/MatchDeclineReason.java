package io.kechuang.events.match;

/**
 * Why a party or a broker declined a match: the labelled feedback for improving the ranking. {@link #NOT_RELEVANT}
 * is set only by an owner's "not relevant" on one of its own suggestions ({@code POST /api/matches/{id}/not-relevant}),
 * never by a decline.
 */
public enum MatchDeclineReason {
    TOO_EARLY,
    BENEFIT_UNCLEAR,
    COMMERCIAL_ROUTE_UNCLEAR,
    DESCRIPTION_VAGUE,
    OUT_OF_SCOPE,
    PRICE_MISMATCH,
    IP_UNCLEAR,
    ALREADY_SOLVED,
    OTHER,
    NOT_RELEVANT
}

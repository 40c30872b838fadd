package io.kechuang.events.match;

/** Why a party or a broker declined a match: the labelled feedback for improving the ranking. */
public enum MatchDeclineReason {
    TOO_EARLY,
    BENEFIT_UNCLEAR,
    COMMERCIAL_ROUTE_UNCLEAR,
    DESCRIPTION_VAGUE,
    OUT_OF_SCOPE,
    PRICE_MISMATCH,
    IP_UNCLEAR,
    ALREADY_SOLVED,
    OTHER
}

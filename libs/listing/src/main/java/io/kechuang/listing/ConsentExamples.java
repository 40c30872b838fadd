package io.kechuang.listing;

/**
 * Examples of the consent API ({@link ListingConsentResource}), shown inline: the operations are the same on
 * achievements and demands, so the examples are written once here rather than as named components per service.
 */
final class ConsentExamples {

    private ConsentExamples() {
    }

    static final String REQUEST = """
            {"matchId": "6f1d2c3b-4a5e-4f60-8b7a-9c0d1e2f3a4b", "scopes": ["DETAILS", "CONTACT"]}""";

    static final String REQUEST_CONTACT = """
            {"matchId": "6f1d2c3b-4a5e-4f60-8b7a-9c0d1e2f3a4b", "scopes": ["CONTACT"]}""";

    static final String PENDING = """
            {
              "id": "0b8e6a3c-5d2f-4e71-9a8b-1c2d3e4f5a6b",
              "listingId": "7b0c9a52-3f1e-4c1b-9a55-2d1f0e8c4a10",
              "matchId": "6f1d2c3b-4a5e-4f60-8b7a-9c0d1e2f3a4b",
              "brokerSubject": "broker.wang@tj-ttc",
              "brokerOrgId": "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f",
              "scopes": ["DETAILS", "CONTACT"],
              "status": "PENDING",
              "requestedAt": "2026-12-01T02:30:00Z",
              "updatedAt": "2026-12-01T02:30:00Z"
            }""";

    static final String GRANTED = """
            {
              "id": "0b8e6a3c-5d2f-4e71-9a8b-1c2d3e4f5a6b",
              "listingId": "7b0c9a52-3f1e-4c1b-9a55-2d1f0e8c4a10",
              "matchId": "6f1d2c3b-4a5e-4f60-8b7a-9c0d1e2f3a4b",
              "brokerSubject": "broker.wang@tj-ttc",
              "brokerOrgId": "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f",
              "scopes": ["DETAILS", "CONTACT"],
              "status": "GRANTED",
              "requestedAt": "2026-12-01T02:30:00Z",
              "grantedAt": "2026-12-01T06:05:00Z",
              "grantedBy": "liu.gong@cd-battery",
              "decidedAt": "2026-12-01T06:05:00Z",
              "decidedBy": "liu.gong@cd-battery",
              "updatedAt": "2026-12-01T06:05:00Z"
            }""";

    static final String ILLEGAL_DECISION = """
            {
              "type": "https://kechuang.io/problems/illegal-transition",
              "title": "Illegal state transition",
              "status": 409,
              "detail": "Cannot grant a request for access in state REFUSED",
              "currentState": "REFUSED",
              "allowedTransitions": []
            }""";

    static final String NDA_ZH = """
            {"terms": "保密协议：经纪人及对接方对在技术对接中获知的本需求保密信息及联系人信息负有保密义务，不得向第三方披露或用于对接以外的目的，保密期限三年。"}""";

    static final String NDA_EN = """
            {"terms": "Non-disclosure: the broker and the introduced party keep the confidential details and the contact of this listing secret, use them only for this introduction, and disclose them to no third party, for three years."}""";

    static final String NDA_VIEW = """
            {
              "listingId": "7b0c9a52-3f1e-4c1b-9a55-2d1f0e8c4a10",
              "required": true,
              "termsVersion": 2,
              "terms": "保密协议：经纪人及对接方对在技术对接中获知的本需求保密信息及联系人信息负有保密义务，不得向第三方披露或用于对接以外的目的，保密期限三年。",
              "termsSha256": "9f2c4e1a7b3d5f60812a4c6e8b0d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4b6d",
              "changedAt": "2026-12-01T01:00:00Z",
              "acceptedByCaller": false
            }""";

    static final String ACCEPT = """
            {"termsVersion": 2}""";

    static final String ACCEPTANCE = """
            {
              "id": "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b",
              "listingId": "7b0c9a52-3f1e-4c1b-9a55-2d1f0e8c4a10",
              "termsVersion": 2,
              "acceptedBySubject": "broker.wang@tj-ttc",
              "acceptedByOrgId": "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f",
              "capacity": "BROKER",
              "matchId": "6f1d2c3b-4a5e-4f60-8b7a-9c0d1e2f3a4b",
              "acceptedAt": "2026-12-01T03:10:00Z"
            }""";

    static final String STALE_VERSION = """
            {
              "type": "https://kechuang.io/problems/conflict",
              "title": "Conflict",
              "status": 409,
              "detail": "Version 1 is not the current NDA of this demand; read and accept version 2",
              "currentVersion": 2
            }""";
}

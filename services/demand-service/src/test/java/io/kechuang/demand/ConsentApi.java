package io.kechuang.demand;

import static io.kechuang.demand.DemandApi.demand;
import static io.kechuang.demand.DemandApi.with;

import io.kechuang.testing.TestTokens;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test helpers for consent on demands: brokers' access requests, the owner's decisions, NDAs. */
final class ConsentApi {

    private ConsentApi() {
    }

    /** A broker's token: user {@code subject} of brokerage {@code org}. */
    static String broker(String subject, UUID org) {
        return TestTokens.forUser(subject).org(org, "BROKERAGE").groups("BROKER").mint();
    }

    static ValidatableResponse request(String token, String id, UUID match, String... scopes) {
        return with(token).body(Map.of("matchId", match.toString(), "scopes", List.of(scopes)))
                .post(demand(id) + "/access-requests").then();
    }

    /** A PENDING request of the broker {@code token}; its id. */
    static String requested(String token, String id, UUID match, String... scopes) {
        return request(token, id, match, scopes).statusCode(201).contentType("application/json")
                .extract().path("id");
    }

    /** {@code grant}, {@code refuse} or {@code revoke}. */
    static ValidatableResponse decide(String token, String id, String request, String action) {
        return with(token).post(demand(id) + "/access-requests/" + request + "/" + action).then();
    }

    /** The broker's request, granted by {@code owner}; its id. */
    static String granted(String broker, String owner, String id, UUID match, String... scopes) {
        String request = requested(broker, id, match, scopes);
        decide(owner, id, request, "grant").statusCode(200);
        return request;
    }

    static ValidatableResponse accessRequest(String token, String id, String request) {
        return with(token).get(demand(id) + "/access-requests/" + request).then();
    }

    /** A new version of the NDA on demand {@code id}; its version. */
    static int requireNda(String owner, String id, String terms) {
        return with(owner).body(Map.of("terms", terms)).put(demand(id) + "/nda").then().statusCode(200)
                .extract().path("termsVersion");
    }

    static ValidatableResponse accept(String token, String id, int version) {
        return with(token).body(Map.of("termsVersion", version)).post(demand(id) + "/nda/acceptances").then();
    }
}

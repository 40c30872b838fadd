package io.kechuang.achievement;

import static io.kechuang.achievement.AchievementApi.ACHIEVEMENTS;
import static io.kechuang.achievement.AchievementApi.with;

import io.kechuang.testing.TestTokens;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test helpers for consent on achievements: brokers' access requests, the owner's decisions, NDAs. */
final class ConsentApi {

    private ConsentApi() {
    }

    static String broker(String subject, UUID org) {
        return TestTokens.forUser(subject).org(org, "BROKERAGE").groups("BROKER").mint();
    }

    static ValidatableResponse request(String token, String id, UUID match, String... scopes) {
        return with(token).body(Map.of("matchId", match.toString(), "scopes", List.of(scopes)))
                .post(ACHIEVEMENTS + "/" + id + "/access-requests").then();
    }

    /** {@code grant}, {@code refuse} or {@code revoke}. */
    static ValidatableResponse decide(String token, String id, String request, String action) {
        return with(token).post(ACHIEVEMENTS + "/" + id + "/access-requests/" + request + "/" + action).then();
    }

    /** The broker's request of the contact, granted by {@code owner}; its id. */
    static String grantedContact(String broker, String owner, String id, UUID match) {
        String request = request(broker, id, match, "CONTACT").statusCode(201).extract().path("id");
        decide(owner, id, request, "grant").statusCode(200).body("status", org.hamcrest.Matchers.equalTo("GRANTED"));
        return request;
    }

    static int requireNda(String owner, String id, String terms) {
        return with(owner).body(Map.of("terms", terms)).put(ACHIEVEMENTS + "/" + id + "/nda").then().statusCode(200)
                .extract().path("termsVersion");
    }

    static ValidatableResponse accept(String token, String id, int version) {
        return with(token).body(Map.of("termsVersion", version)).post(ACHIEVEMENTS + "/" + id + "/nda/acceptances")
                .then();
    }
}

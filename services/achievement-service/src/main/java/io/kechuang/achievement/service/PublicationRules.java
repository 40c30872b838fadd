package io.kechuang.achievement.service;

import io.kechuang.achievement.Achievement;
import io.kechuang.common.problem.FieldError;
import java.time.LocalDate;
import java.util.List;

/**
 * What a listing needs before it goes on the market: what every listing needs (something to match on, someone to
 * reach), plus enough for an enterprise or broker to judge it. A draft may be incomplete; publishing (or editing a
 * published listing) may not.
 */
public final class PublicationRules {

    private PublicationRules() {
    }

    public static List<FieldError> check(Achievement a, LocalDate today) {
        return a.readiness("to publish")
                .present(a.summary, "summary", "is required to publish")
                .present(a.ipType, "ipType", "is required to publish")
                .present(a.trl, "trl", "is required to publish")
                .present(a.stage, "stage", "is required to publish")
                .check(a.priceAmount != null || a.priceNegotiable, "askingPrice", "give an asking price or set priceNegotiable")
                .check(a.expiresOn == null || !a.expiresOn.isBefore(today), "expiresOn", "must not be in the past")
                .list();
    }
}

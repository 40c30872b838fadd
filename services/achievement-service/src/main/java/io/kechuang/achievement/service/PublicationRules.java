package io.kechuang.achievement.service;

import io.kechuang.achievement.Achievement;
import io.kechuang.common.problem.FieldError;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What a listing needs before it goes on the market: enough for an enterprise or broker to judge it and for the
 * matcher to place it. A draft may be incomplete; publishing (or editing a published listing) may not.
 */
public final class PublicationRules {

    private PublicationRules() {
    }

    public static List<FieldError> check(Achievement a, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        if (blank(a.summary)) {
            errors.add(new FieldError("summary", "is required to publish"));
        }
        if (a.keywords.isEmpty()) {
            errors.add(new FieldError("keywords", "at least one keyword is required to publish"));
        }
        if (a.technicalField == null) {
            errors.add(new FieldError("technicalField", "is required to publish"));
        }
        if (a.ipType == null) {
            errors.add(new FieldError("ipType", "is required to publish"));
        }
        if (a.trl == null) {
            errors.add(new FieldError("trl", "is required to publish"));
        }
        if (a.stage == null) {
            errors.add(new FieldError("stage", "is required to publish"));
        }
        if (a.cooperationModes.isEmpty()) {
            errors.add(new FieldError("cooperationModes", "at least one cooperation mode is required to publish"));
        }
        if (a.priceAmount == null && !a.priceNegotiable) {
            errors.add(new FieldError("askingPrice", "give an asking price or set priceNegotiable"));
        }
        if (blank(a.region)) {
            errors.add(new FieldError("region", "is required to publish"));
        }
        if (a.contact == null) {
            errors.add(new FieldError("contact", "is required to publish"));
        } else if (blank(a.contact.phone()) && blank(a.contact.email())) {
            errors.add(new FieldError("contact", "needs a phone or an email"));
        }
        if (a.expiresOn != null && a.expiresOn.isBefore(today)) {
            errors.add(new FieldError("expiresOn", "must not be in the past"));
        }
        return errors;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

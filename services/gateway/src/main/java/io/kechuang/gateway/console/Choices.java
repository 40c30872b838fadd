package io.kechuang.gateway.console;

import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.events.taxonomy.OrgType;
import io.kechuang.events.taxonomy.TechnicalField;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The values the console's forms and filters offer, as the API document lists them; labels come from {@link Texts}. */
final class Choices {

    static final Map<String, List<String>> ALL = Map.ofEntries(
            Map.entry("fields", names(TechnicalField.values())),
            Map.entry("modes", names(CooperationMode.values())),
            Map.entry("orgTypes", names(OrgType.values())),
            Map.entry("demandStatuses", List.of("DRAFT", "OPEN", "IN_NEGOTIATION", "FULFILLED", "CLOSED", "EXPIRED")),
            Map.entry("achievementStatuses", List.of("DRAFT", "PUBLISHED", "WITHDRAWN", "TRANSFERRED", "EXPIRED")),
            Map.entry("matchStatuses", List.of("SUGGESTED", "SHORTLISTED", "INTRODUCED", "MEETING_SCHEDULED",
                    "NEGOTIATING", "CONTRACTED", "DECLINED", "EXPIRED")),
            Map.entry("confidences", List.of("STRONG", "POSSIBLE", "WEAK")),
            Map.entry("declineReasons", List.of("TOO_EARLY", "BENEFIT_UNCLEAR", "COMMERCIAL_ROUTE_UNCLEAR",
                    "DESCRIPTION_VAGUE", "OUT_OF_SCOPE", "PRICE_MISMATCH", "IP_UNCLEAR", "ALREADY_SOLVED", "OTHER")),
            Map.entry("closeReasons", List.of("SOLVED_ELSEWHERE", "NO_LONGER_NEEDED", "BUDGET_CANCELLED", "OTHER")),
            Map.entry("ipTypes", List.of("INVENTION_PATENT", "UTILITY_MODEL", "SOFTWARE_COPYRIGHT", "IC_LAYOUT",
                    "PLANT_VARIETY", "KNOW_HOW", "OTHER")),
            Map.entry("stages", List.of("LAB", "PROTOTYPE", "PILOT", "SMALL_BATCH", "MASS_PRODUCTION")),
            Map.entry("roles", List.of("UNIVERSITY", "ENTERPRISE", "BROKER", "PARTNER", "ADMIN")),
            Map.entry("currencies", List.of("CNY", "USD", "EUR", "HKD")),
            Map.entry("trl", List.of("1", "2", "3", "4", "5", "6", "7", "8", "9")));

    private Choices() {
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}

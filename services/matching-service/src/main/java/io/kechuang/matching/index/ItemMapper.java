package io.kechuang.matching.index;

import io.kechuang.events.achievement.AchievementState;
import io.kechuang.events.achievement.AchievementStatus;
import io.kechuang.events.demand.DemandState;
import io.kechuang.events.demand.DemandStatus;
import java.util.ArrayList;
import java.util.List;

/** Turns the public state carried by events into {@link Item}s. Only published achievements and open demands are active. */
public final class ItemMapper {

    private ItemMapper() {
    }

    public static Item fromAchievement(AchievementState a) {
        List<String> text = new ArrayList<>();
        add(text, a.summary());
        a.advantages().forEach(s -> add(text, s));
        a.applicationScenarios().forEach(s -> add(text, s));
        return new Item(Item.Kind.ACHIEVEMENT, a.id(), a.ownerOrgId(), a.status().name(),
                a.status() == AchievementStatus.PUBLISHED, a.version(), a.title(), String.join("\n", text),
                a.keywords(), a.technicalField(), a.ipcCodes(), a.ipType(), a.trl() > 0 ? a.trl() : null, a.stage(),
                null, a.cooperationModes(), a.askingPrice() == null ? null : a.askingPrice().amount(),
                a.askingPrice() == null ? null : a.askingPrice().currency(), a.priceNegotiable(), null, null, null,
                a.region(), a.language(), a.expiresOn(), a.updatedAt());
    }

    public static Item fromDemand(DemandState d) {
        List<String> text = new ArrayList<>();
        add(text, d.problemStatement());
        if (d.technicalIndicators() != null) {
            d.technicalIndicators().forEach(s -> add(text, s));
        }
        boolean active = d.status() == DemandStatus.OPEN;
        return new Item(Item.Kind.DEMAND, d.id(), d.ownerOrgId(), d.status().name(), active, d.version(), d.title(),
                String.join("\n", text), d.keywords(), d.technicalField(), d.ipcCodes(), null, null, null, d.minTrl(),
                d.cooperationModes(), null, null, false, d.budget() == null ? null : d.budget().min(),
                d.budget() == null ? null : d.budget().max(), d.budget() == null ? null : d.budget().currency(),
                d.region(), d.language(), d.deadline(), d.updatedAt());
    }

    private static void add(List<String> parts, String s) {
        if (s != null && !s.isBlank()) {
            parts.add(s.strip());
        }
    }
}

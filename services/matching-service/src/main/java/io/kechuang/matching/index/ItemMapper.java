package io.kechuang.matching.index;

import io.kechuang.events.achievement.AchievementState;
import io.kechuang.events.demand.DemandState;
import java.util.ArrayList;
import java.util.List;

/** Turns the public state carried by events into {@link Item}s (only published achievements and open demands are active). */
public final class ItemMapper {

    private ItemMapper() {
    }

    public static Item fromAchievement(AchievementState a) {
        List<String> text = new ArrayList<>();
        add(text, a.summary());
        a.advantages().forEach(s -> add(text, s));
        a.applicationScenarios().forEach(s -> add(text, s));
        return Item.achievement(a.id(), a.ownerOrgId(), a.status()).version(a.version())
                .title(a.title()).text(String.join("\n", text)).keywords(a.keywords())
                .field(a.technicalField()).ipcCodes(a.ipcCodes()).ipType(a.ipType())
                .trl(a.trl() > 0 ? a.trl() : null).stage(a.stage()).cooperationModes(a.cooperationModes())
                .price(a.askingPrice() == null ? null : a.askingPrice().amount(),
                        a.askingPrice() == null ? null : a.askingPrice().currency(), a.priceNegotiable())
                .region(a.region()).language(a.language()).expiresOn(a.expiresOn()).updatedAt(a.updatedAt())
                .build();
    }

    public static Item fromDemand(DemandState d) {
        List<String> text = new ArrayList<>();
        add(text, d.problemStatement());
        if (d.technicalIndicators() != null) {
            d.technicalIndicators().forEach(s -> add(text, s));
        }
        return Item.demand(d.id(), d.ownerOrgId(), d.status()).version(d.version())
                .title(d.title()).text(String.join("\n", text)).keywords(d.keywords())
                .field(d.technicalField()).ipcCodes(d.ipcCodes()).minTrl(d.minTrl())
                .cooperationModes(d.cooperationModes())
                .budget(d.budget() == null ? null : d.budget().min(), d.budget() == null ? null : d.budget().max(),
                        d.budget() == null ? null : d.budget().currency())
                .region(d.region()).language(d.language()).expiresOn(d.deadline()).updatedAt(d.updatedAt())
                .build();
    }

    private static void add(List<String> parts, String s) {
        if (s != null && !s.isBlank()) {
            parts.add(s.strip());
        }
    }
}

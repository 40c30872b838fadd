package io.kechuang.achievement.mapping;

import io.kechuang.achievement.Achievement;
import io.kechuang.achievement.api.AchievementRequest;
import io.kechuang.achievement.api.AchievementRequest.InventorInput;
import io.kechuang.achievement.api.AchievementRequest.PatentInput;
import io.kechuang.achievement.api.AchievementRequest.PriceInput;
import io.kechuang.achievement.api.AchievementView;
import io.kechuang.common.mapping.Normalise;
import io.kechuang.events.achievement.AchievementState;
import io.kechuang.events.taxonomy.Money;
import io.kechuang.listing.Disclosure;
import java.util.ArrayList;
import java.util.List;

/** Converts between the API model, the entity and the event payload. The event never gets private parts. */
public final class AchievementMapper {

    private AchievementMapper() {
    }

    /** Replaces every owner-editable field of {@code target} with the request's values. */
    public static void apply(AchievementRequest r, Achievement target) {
        target.applyShared(r);
        target.summary = r.summary();
        target.description = r.description();
        target.ipType = r.ipType();
        target.patents = r.patents() == null ? new ArrayList<>()
                : new ArrayList<>(r.patents().stream().map(p -> new Achievement.Patent(p.number().strip(), p.legalStatus())).toList());
        target.trl = r.trl();
        target.stage = r.stage();
        target.priceAmount = r.askingPrice() == null ? null : r.askingPrice().amount();
        target.priceCurrency = r.askingPrice() == null ? null : r.askingPrice().currency();
        target.priceNegotiable = Boolean.TRUE.equals(r.priceNegotiable());
        target.advantages = Normalise.distinct(r.advantages());
        target.applicationScenarios = Normalise.distinct(r.applicationScenarios());
        target.inventors = r.inventors() == null ? new ArrayList<>()
                : new ArrayList<>(r.inventors().stream().map(i -> new Achievement.Inventor(i.name(), i.title(), i.email(), i.phone())).toList());
        target.expiresOn = r.expiresOn();
    }

    /**
     * @param disclosure what the caller may see: the contact from {@code CONTACT} (an organisation introduced through
     *        a match), the inventors and the status reason only as {@code OWNER} (the owner, admins)
     */
    public static AchievementView toView(Achievement a, Disclosure disclosure) {
        boolean owner = disclosure.owner();
        return new AchievementView(a.id, a.ownerOrgId, a.status, a.version, a.title, a.summary, a.description,
                List.copyOf(a.keywords), a.technicalField, List.copyOf(a.ipcCodes), a.ipType,
                a.patents.stream().map(p -> new PatentInput(p.number(), p.legalStatus())).toList(),
                a.trl, a.stage, a.cooperationModes, price(a), a.priceNegotiable, List.copyOf(a.advantages),
                List.copyOf(a.applicationScenarios),
                owner ? a.inventors.stream().map(i -> new InventorInput(i.name(), i.title(), i.email(), i.phone())).toList() : null,
                disclosure.contact() && a.contact != null ? a.contact.toInput() : null,
                a.region, a.language, a.expiresOn, owner ? a.statusReason : null, a.createdAt, a.updatedAt,
                a.publishedAt);
    }

    /** The public state for events: no contact, no inventors, no internal reason. */
    public static AchievementState toState(Achievement a) {
        return new AchievementState(a.id, a.ownerOrgId, a.status, a.version, a.title, a.summary, a.description,
                List.copyOf(a.keywords), a.technicalField, List.copyOf(a.ipcCodes), a.ipType,
                a.patents.stream().map(p -> new AchievementState.Patent(p.number(), p.legalStatus())).toList(),
                a.trl == null ? 0 : a.trl, a.stage, a.cooperationModes,
                a.priceAmount == null ? null : new Money(a.priceAmount, a.priceCurrency), a.priceNegotiable,
                List.copyOf(a.advantages), List.copyOf(a.applicationScenarios), a.region, a.language, a.expiresOn,
                a.publishedAt, a.updatedAt);
    }

    private static PriceInput price(Achievement a) {
        return a.priceAmount == null ? null : new PriceInput(a.priceAmount, a.priceCurrency);
    }
}

package io.kechuang.demand.mapping;

import io.kechuang.common.mapping.Normalise;
import io.kechuang.demand.Demand;
import io.kechuang.demand.api.BudgetInput;
import io.kechuang.demand.api.DemandRequest;
import io.kechuang.demand.api.DemandView;
import io.kechuang.events.demand.Budget;
import io.kechuang.events.demand.DemandState;
import io.kechuang.listing.Disclosure;
import java.util.List;

/**
 * Converts between the API model, the entity and the event payload. Confidential details, the contact and the
 * owner's closing comment go only to views that may disclose them, and never into the event.
 */
public final class DemandMapper {

    private DemandMapper() {
    }

    /** Replaces every owner-editable field of {@code target} with the request's values. */
    public static void apply(DemandRequest r, Demand target) {
        target.applyShared(r);
        target.problemStatement = r.problemStatement();
        target.technicalIndicators = Normalise.distinct(r.technicalIndicators());
        target.confidentialDetails = r.confidentialDetails();
        BudgetInput budget = r.budget();
        target.budgetMin = budget == null ? null : budget.min();
        target.budgetMax = budget == null ? null : budget.max();
        target.budgetCurrency = budget == null ? null : budget.currency();
        target.deadline = r.deadline();
        target.minTrl = r.minTrl();
    }

    /**
     * @param disclosure what the caller may see: the contact from {@code CONTACT} (an introduced organisation), the
     *        confidential details from {@code CONFIDENTIAL} (the assigned broker), the closing comment only as
     *        {@code OWNER} (the owning enterprise, admins)
     */
    public static DemandView toView(Demand d, Disclosure disclosure) {
        return new DemandView(d.id, d.ownerOrgId, d.status, d.version, d.title,
                disclosure.confidential() ? d.confidentialDetails : null,
                disclosure.contact() && d.contact != null ? d.contact.toInput() : null,
                d.problemStatement, List.copyOf(d.technicalIndicators), List.copyOf(d.keywords), d.technicalField,
                List.copyOf(d.ipcCodes), d.hasBudget() ? new BudgetInput(d.budgetMin, d.budgetMax, d.budgetCurrency) : null,
                d.deadline, d.cooperationModes, d.minTrl, d.region, d.language, d.closeReason,
                disclosure.owner() ? d.closeComment : null, d.createdAt, d.updatedAt, d.openedAt);
    }

    /** The public state for events: no confidential details, no contact, no closing comment. */
    public static DemandState toState(Demand d) {
        return new DemandState(d.id, d.ownerOrgId, d.status, d.version, d.title, d.problemStatement,
                List.copyOf(d.technicalIndicators), List.copyOf(d.keywords), d.technicalField, List.copyOf(d.ipcCodes),
                d.hasBudget() ? new Budget(d.budgetMin, d.budgetMax, d.budgetCurrency) : null, d.deadline,
                d.cooperationModes, d.minTrl, d.region, d.language,
                d.closeReason == null ? null : d.closeReason.name(), d.openedAt, d.updatedAt);
    }
}

package io.kechuang.demand.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.common.problem.FieldError;
import io.kechuang.common.problem.Problem;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.demand.Demand;
import io.kechuang.events.demand.DemandStatus;
import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.events.taxonomy.TechnicalField;
import io.kechuang.listing.Listing;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The demand's status machine, the moves matches make, and readiness, without starting anything. */
class DemandRulesTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 1);

    @Test
    void eachStatusAllowsExactlyItsActions() {
        Map<DemandStatus, List<String>> expected = Map.of(
                DemandStatus.DRAFT, List.of("update", "open", "delete"),
                DemandStatus.OPEN, List.of("update", "negotiate", "close", "fulfil"),
                DemandStatus.IN_NEGOTIATION, List.of("update", "close", "fulfil"),
                DemandStatus.FULFILLED, List.of(),
                DemandStatus.CLOSED, List.of(),
                DemandStatus.EXPIRED, List.of());
        assertEquals(expected, DemandService.STATUSES.table());
        assertEquals(Set.of(DemandStatus.OPEN, DemandStatus.IN_NEGOTIATION), DemandService.STATUSES.onMarket());
    }

    @Test
    void negotiatingADraftIsA409ListingWhatIsAllowed() {
        Problem problem = assertThrows(ProblemException.class,
                () -> DemandService.STATUSES.require(DemandStatus.DRAFT, "negotiate")).problem();
        assertEquals(409, problem.getStatus());
        assertEquals("Cannot negotiate a demand in state DRAFT", problem.getDetail());
        assertEquals("DRAFT", problem.extensions().get("currentState"));
        assertEquals(List.of("update", "open", "delete"), problem.extensions().get("allowedTransitions"));
    }

    @Test
    void onlyOpeningEntersTheMarket() {
        assertTrue(DemandService.STATUSES.entersMarket(DemandStatus.DRAFT, DemandService.OPEN.target()));
        assertFalse(DemandService.STATUSES.entersMarket(DemandStatus.OPEN, DemandService.NEGOTIATE.target()));
        assertFalse(DemandService.STATUSES.entersMarket(DemandStatus.IN_NEGOTIATION, DemandService.REOPEN.target()));
    }

    @Test
    void aMatchPutsADemandIntoNegotiationThatOnlyAMatchUndoes() {
        Demand demand = new Demand();
        DemandService.NEGOTIATE_BY_MATCH.alsoChange().accept(demand);
        assertTrue(demand.negotiationByMatch);
        DemandService.REOPEN.alsoChange().accept(demand);
        assertFalse(demand.negotiationByMatch);
        DemandService.NEGOTIATE.alsoChange().accept(demand);
        assertFalse(demand.negotiationByMatch, "the enterprise's own negotiation stays");
        assertEquals("update", DemandService.REOPEN.action(), "allowed in IN_NEGOTIATION, not an owner action");
        assertTrue(DemandService.STATUSES.allows(DemandStatus.IN_NEGOTIATION, DemandService.REOPEN.action()));
        assertTrue(DemandService.STATUSES.allows(DemandStatus.IN_NEGOTIATION, DemandService.FULFIL.action()));
        assertFalse(DemandService.STATUSES.allows(DemandStatus.IN_NEGOTIATION, DemandService.NEGOTIATE_BY_MATCH.action()));
    }

    @Test
    void anEmptyDraftLacksWhatAProviderMustKnow() {
        assertEquals(List.of("contact", "cooperationModes", "deadline", "keywords", "problemStatement", "region",
                        "technicalField"),
                new DemandService().readiness(new Demand(), TODAY).stream().map(FieldError::field).sorted().toList());
    }

    @Test
    void theDeadlineMustBeAheadAndABudgetNeedsACurrency() {
        DemandService rules = new DemandService();
        Demand d = openable();
        assertEquals(List.of(), rules.readiness(d, TODAY));
        d.deadline = TODAY;
        assertEquals(List.of(new FieldError("deadline", "must be in the future to open")), rules.readiness(d, TODAY));
        d.deadline = TODAY.plusDays(1);
        d.budgetMax = new BigDecimal("800000");
        assertEquals(List.of(new FieldError("budget.currency", "is required when a budget is given")),
                rules.readiness(d, TODAY));
        d.budgetCurrency = "CNY";
        assertEquals(List.of(), rules.readiness(d, TODAY));
    }

    static Demand openable() {
        Demand d = new Demand();
        d.title = "动力电池健康状态（SOH）在线估计算法";
        d.problemStatement = "需在BMS端基于充放电数据在线估计电芯SOH";
        d.keywords = List.of("电池健康状态");
        d.technicalField = TechnicalField.NEW_ENERGY;
        d.cooperationModes = Set.of(CooperationMode.JOINT_DEVELOPMENT);
        d.region = "510100";
        d.contact = new Listing.Contact("刘工", "028-86000000", null);
        d.deadline = TODAY.plusMonths(6);
        return d;
    }
}

package io.kechuang.gateway.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The buttons follow the architecture's transition table and who may act. */
class WorkflowTest {

    private static final UUID BROKERAGE = UUID.randomUUID();
    private static final UUID ENTERPRISE = UUID.randomUUID();
    private static final UUID UNIVERSITY = UUID.randomUUID();

    private static Sessions.Person person(String username, UUID org, String orgType, Set<String> roles, boolean lead) {
        return new Sessions.Person("h", "c", UUID.randomUUID(), username, username, org, "org", orgType, roles, lead);
    }

    private static Map<String, Object> match(String status, String broker) {
        Map<String, Object> match = new HashMap<>();
        match.put("status", status);
        match.put("broker", broker);
        match.put("brokerOrganisation", broker == null ? null : Map.of("id", BROKERAGE.toString()));
        match.put("demand", Map.of("ownerOrgId", ENTERPRISE.toString()));
        match.put("achievement", Map.of("ownerOrgId", UNIVERSITY.toString()));
        return match;
    }

    private final Sessions.Person wang = person("broker.wang", BROKERAGE, "BROKERAGE", Set.of("BROKER"), false);
    private final Sessions.Person li = person("broker.li", BROKERAGE, "BROKERAGE", Set.of("BROKER"), false);
    private final Sessions.Person lead = person("broker.lead", BROKERAGE, "BROKERAGE", Set.of("BROKER"), true);
    private final Sessions.Person enterprise = person("rd", ENTERPRISE, "ENTERPRISE", Set.of("ENTERPRISE"), false);
    private final Sessions.Person university = person("ttc", UNIVERSITY, "UNIVERSITY", Set.of("UNIVERSITY"), false);

    @Test
    void anUnassignedSuggestionCanBeClaimedByABrokerAndActedOnByItsParties() {
        assertEquals(Set.of("claim"), Workflow.actions(match("SUGGESTED", null), wang));
        assertEquals(Set.of("request-introduction", "not-relevant", "decline"),
                Workflow.actions(match("SUGGESTED", null), enterprise));
        assertEquals(Set.of("not-relevant", "decline"), Workflow.actions(match("SUGGESTED", null), university));
    }

    @Test
    void theAssignedBrokerAndItsLeadGetTheTransitionsOfTheStatusAndNobodyElse() {
        assertEquals(Set.of("shortlist", "introduce", "decline", "note", "access"),
                Workflow.actions(match("SUGGESTED", "broker.wang"), wang));
        assertEquals(Set.of(), Workflow.actions(match("SUGGESTED", "broker.wang"), li));
        assertEquals(Workflow.actions(match("INTRODUCED", "broker.wang"), wang),
                Workflow.actions(match("INTRODUCED", "broker.wang"), lead));
        assertEquals(Set.of("meeting", "negotiate", "decline", "note", "access"),
                Workflow.actions(match("INTRODUCED", "broker.wang"), wang));
        assertEquals(Set.of("negotiate", "decline", "note", "access"),
                Workflow.actions(match("MEETING_SCHEDULED", "broker.wang"), wang));
        assertEquals(Set.of("contract", "decline", "note", "access"),
                Workflow.actions(match("NEGOTIATING", "broker.wang"), wang));
    }

    @Test
    void finalStatusesOfferNothingButNotes() {
        for (String status : Set.of("CONTRACTED", "DECLINED", "EXPIRED")) {
            assertEquals(Set.of("note"), Workflow.actions(match(status, "broker.wang"), wang), status);
            assertEquals(Set.of(), Workflow.actions(match(status, "broker.wang"), enterprise), status);
        }
    }

    @Test
    void anIntroductionIsRequestedOnceAndOnlyBeforeTheIntroduction() {
        Map<String, Object> requested = match("SHORTLISTED", "broker.wang");
        requested.put("introductionRequestedAt", "2026-12-01T10:00:00Z");
        assertEquals(Set.of("not-relevant", "decline"), Workflow.actions(requested, enterprise));
        assertEquals(Set.of("decline"), Workflow.actions(match("NEGOTIATING", "broker.wang"), enterprise));
    }
}

package io.kechuang.listing.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.common.problem.Problem;
import io.kechuang.common.problem.ProblemException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatusMachineTest {

    enum Status {
        DRAFT, LIVE, PAUSED, DONE
    }

    static final StatusMachine<Status> MACHINE = StatusMachine.of(Status.DRAFT, Set.of(Status.LIVE, Status.PAUSED),
            AllowedActions.of("Thing", Status.class, Map.of(
                    Status.DRAFT, List.of("update", "go", "delete"),
                    Status.LIVE, List.of("update", "pause", "finish"),
                    Status.PAUSED, List.of("update", "finish"),
                    Status.DONE, List.of())));

    @Test
    void everyStatusMustListItsActions() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AllowedActions.of("Thing",
                Status.class, Map.of(Status.DRAFT, List.of("go"))));
        assertTrue(e.getMessage().contains("no actions listed for status LIVE"), e.getMessage());
    }

    @Test
    void aDraftIsNeverOnTheMarket() {
        assertThrows(IllegalArgumentException.class, () -> StatusMachine.of(Status.DRAFT, Set.of(Status.DRAFT),
                AllowedActions.of("Thing", Status.class, Map.of(Status.DRAFT, List.of(),
                        Status.LIVE, List.of(), Status.PAUSED, List.of(), Status.DONE, List.of()))));
    }

    @Test
    void enteringTheMarketIsAMoveFromAPrivateToAPublicStatus() {
        assertTrue(MACHINE.entersMarket(Status.DRAFT, Status.LIVE));
        assertTrue(MACHINE.entersMarket(Status.DONE, Status.PAUSED));
        assertFalse(MACHINE.entersMarket(Status.LIVE, Status.PAUSED), "already on the market");
        assertFalse(MACHINE.entersMarket(Status.LIVE, Status.DONE), "leaving it");
        assertFalse(MACHINE.entersMarket(Status.DRAFT, Status.DONE));
    }

    @Test
    void allowedActionsAreListedInTheirOrder() {
        assertEquals(List.of("update", "go", "delete"), MACHINE.allowed(Status.DRAFT));
        assertTrue(MACHINE.allows(Status.LIVE, "pause"));
        assertFalse(MACHINE.allows(Status.PAUSED, "pause"));
        assertEquals(List.of(), MACHINE.allowed(Status.DONE), "a final status allows nothing");
    }

    @Test
    void aForbiddenActionIsA409NamingTheStateAndWhatItAllows() {
        MACHINE.require(Status.LIVE, "pause");
        Problem problem = assertThrows(ProblemException.class, () -> MACHINE.require(Status.PAUSED, "pause")).problem();
        assertEquals(409, problem.getStatus());
        assertEquals("Cannot pause a thing in state PAUSED", problem.getDetail());
        assertEquals("PAUSED", problem.extensions().get("currentState"));
        assertEquals(List.of("update", "finish"), problem.extensions().get("allowedTransitions"));
    }
}

package io.kechuang.listing.match;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kechuang.events.match.MatchState;
import io.kechuang.events.match.MatchStatus;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MatchSideTest {

    @Test
    void eachSideIsItsOwnListingAndTheOtherListingsOwner() {
        UUID demand = UUID.randomUUID();
        UUID achievement = UUID.randomUUID();
        UUID demandOwner = UUID.randomUUID();
        UUID achievementOwner = UUID.randomUUID();
        MatchState match = match(demand, achievement, demandOwner, achievementOwner);

        assertEquals(demand, MatchSide.DEMAND.listing(match));
        assertEquals(achievementOwner, MatchSide.DEMAND.counterpart(match));
        assertEquals(achievement, MatchSide.ACHIEVEMENT.listing(match));
        assertEquals(demandOwner, MatchSide.ACHIEVEMENT.counterpart(match));
    }

    private static MatchState match(UUID demand, UUID achievement, UUID demandOwner, UUID achievementOwner) {
        return new MatchState(UUID.randomUUID(), demand, achievement, demandOwner, achievementOwner,
                MatchStatus.INTRODUCED, 0.8, 3, OffsetDateTime.now(), null, null, null);
    }
}

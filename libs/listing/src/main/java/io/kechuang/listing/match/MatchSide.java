package io.kechuang.listing.match;

import io.kechuang.events.match.MatchState;
import java.util.UUID;

/** Which side of a match a service's listings are: its own listing, and the organisation across the table. */
public enum MatchSide {

    /** The demand service: the demand, and the owner of the achievement suggested for it. */
    DEMAND {
        @Override
        public UUID listing(MatchState match) {
            return match.demandId();
        }

        @Override
        public UUID counterpart(MatchState match) {
            return match.achievementOwnerOrgId();
        }
    },

    /** The achievement service: the achievement, and the owner of the demand it was suggested for. */
    ACHIEVEMENT {
        @Override
        public UUID listing(MatchState match) {
            return match.achievementId();
        }

        @Override
        public UUID counterpart(MatchState match) {
            return match.demandOwnerOrgId();
        }
    };

    public abstract UUID listing(MatchState match);

    public abstract UUID counterpart(MatchState match);
}

package io.kechuang.listing.match;

import io.kechuang.events.match.MatchState;

/**
 * What a listing service does when a match of one of its listings changes. A service with a bean of this type
 * consumes {@code matches.v1} ({@link MatchEventsConsumer}); a service without one does not.
 */
public interface MatchReaction {

    /** Which side of a match this service's listings are. */
    MatchSide side();

    /**
     * Called once for each newer state of a match, inside the transaction that records it in {@link MatchLinks}: what
     * the reaction changes, and the events it writes to the outbox, commit or roll back together with the version.
     * It reacts to the state, never to the event type; a listing already past the reaction is left as it is, without
     * an error.
     */
    void react(MatchState match);
}

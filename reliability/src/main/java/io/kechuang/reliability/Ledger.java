package io.kechuang.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every write the API acknowledged, and what the database may therefore hold. A listing keeps the states it may be
 * in: the last acknowledged one, plus any that a later, unanswered write (a timeout, a 5xx, a broken connection)
 * tried to reach, since such a write may or may not have committed. A read that shows the committed state narrows it
 * down to that state again. Each listing is written by one client thread only.
 */
final class Ledger {

    enum Kind { DEMAND, ACHIEVEMENT }

    /** One listing the harness created and the API acknowledged. */
    static final class Listing {
        final Kind kind;
        final String id;
        /** A demand the owner never updates or closes: the broker workflow moves its matches, and with them it. */
        final boolean workflow;
        private final Set<String> statuses = ConcurrentHashMap.newKeySet();
        private final Set<String> titles = ConcurrentHashMap.newKeySet();
        volatile String status;
        volatile String title;
        volatile long version;

        Listing(Kind kind, String id, boolean workflow, String status, String title, long version) {
            this.kind = kind;
            this.id = id;
            this.workflow = workflow;
            acknowledged(status, title, version);
        }

        /** The API acknowledged this state (or a read showed it committed). */
        synchronized void acknowledged(String newStatus, String newTitle, long newVersion) {
            status = newStatus;
            title = newTitle;
            version = Math.max(version, newVersion);
            statuses.clear();
            statuses.add(newStatus);
            titles.clear();
            titles.add(newTitle);
        }

        /** A write to this state got no answer: it may have committed. */
        synchronized void unanswered(String triedStatus, String triedTitle) {
            statuses.add(triedStatus);
            titles.add(triedTitle);
        }

        synchronized Set<String> possibleStatuses() {
            return Set.copyOf(statuses);
        }

        synchronized Set<String> possibleTitles() {
            return Set.copyOf(titles);
        }
    }

    /** A match transition the API acknowledged. */
    record Transition(String matchId, String toStatus, long version) {
    }

    private final Map<String, Listing> listings = new ConcurrentHashMap<>();
    /** Titles of creates that got no answer even after their retries (each may exist at most once). */
    private final Set<String> unansweredCreates = ConcurrentHashMap.newKeySet();
    private final List<Transition> transitions = new ArrayList<>();
    private final AtomicLong acknowledged = new AtomicLong();

    void created(Listing listing) {
        listings.put(listing.id, listing);
        acknowledged.incrementAndGet();
    }

    void createUnanswered(String title) {
        unansweredCreates.add(title);
    }

    void acknowledgedWrite() {
        acknowledged.incrementAndGet();
    }

    synchronized void transition(Transition t) {
        transitions.add(t);
        acknowledged.incrementAndGet();
    }

    List<Listing> listings() {
        return List.copyOf(listings.values());
    }

    Listing listing(String id) {
        return listings.get(id);
    }

    Set<String> unansweredCreates() {
        return Set.copyOf(unansweredCreates);
    }

    synchronized List<Transition> transitions() {
        return List.copyOf(transitions);
    }

    long acknowledgedWrites() {
        return acknowledged.get();
    }
}

package io.kechuang.gateway.console;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which buttons a match page shows: the transition table of the architecture (who may move a match from which
 * status), read for the signed-in person. It only decides what to offer; the API decides what happens, so a button
 * shown in a race gets the API's 409 or 403 next to it.
 */
final class Workflow {

    private static final Set<String> FINAL = Set.of("CONTRACTED", "DECLINED", "EXPIRED");

    private Workflow() {
    }

    /**
     * The actions open to this person on this match: claim, shortlist, introduce, meeting, negotiate, contract,
     * decline, note, access (the broker side); request-introduction, not-relevant, decline (a party).
     */
    static Set<String> actions(Map<String, Object> match, Sessions.Person person) {
        Set<String> actions = new LinkedHashSet<>();
        String status = String.valueOf(match.get("status"));
        boolean open = !FINAL.contains(status);
        boolean early = status.equals("SUGGESTED") || status.equals("SHORTLISTED");
        Object broker = match.get("broker");
        boolean admin = person.has("ADMIN");
        boolean isBroker = person.has("BROKER");
        boolean assignedToMe = person.username().equals(broker);
        Object brokerOrg = match.get("brokerOrganisation") instanceof Map<?, ?> org ? org.get("id") : null;
        boolean leadOfBrokerage = isBroker && person.lead() && broker != null
                && person.organisationId().toString().equals(String.valueOf(brokerOrg));
        boolean brokerSide = admin || assignedToMe || leadOfBrokerage;
        if (isBroker && broker == null && open) {
            actions.add("claim");
        }
        if (brokerSide) {
            if (status.equals("SUGGESTED")) {
                actions.add("shortlist");
            }
            if (early) {
                actions.add("introduce");
            }
            if (status.equals("INTRODUCED")) {
                actions.add("meeting");
            }
            if (status.equals("INTRODUCED") || status.equals("MEETING_SCHEDULED")) {
                actions.add("negotiate");
            }
            if (status.equals("NEGOTIATING")) {
                actions.add("contract");
            }
            if (open) {
                actions.add("decline");
            }
            actions.add("note");
            if (open && (assignedToMe || leadOfBrokerage)) {
                actions.add("access");
            }
        }
        boolean demandOwner = ownedBy(match.get("demand"), person);
        boolean achievementOwner = ownedBy(match.get("achievement"), person);
        if (demandOwner && early && match.get("introductionRequestedAt") == null) {
            actions.add("request-introduction");
        }
        if ((demandOwner || achievementOwner) && early) {
            actions.add("not-relevant");
        }
        if ((demandOwner || achievementOwner) && open) {
            actions.add("decline");
        }
        return actions;
    }

    static boolean ownedBy(Object side, Sessions.Person person) {
        return side instanceof Map<?, ?> s && person.organisationId().toString().equals(String.valueOf(s.get("ownerOrgId")));
    }
}

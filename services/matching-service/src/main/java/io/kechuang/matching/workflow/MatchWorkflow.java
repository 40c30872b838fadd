package io.kechuang.matching.workflow;

import io.kechuang.common.http.Versions;
import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.common.security.Caller;
import io.kechuang.common.security.Roles;
import io.kechuang.events.match.MatchDeclineReason;
import io.kechuang.events.match.MatchStatus;
import io.kechuang.matching.directory.DirectoryUser;
import io.kechuang.matching.match.Actor;
import io.kechuang.matching.match.MatchActivity;
import io.kechuang.matching.match.MatchActivityLog;
import io.kechuang.matching.match.MatchEvents;
import io.kechuang.matching.match.MatchSuggestion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The broker workflow on a match, exactly as the architecture's table fixes it: brokers move a match forward,
 * brokers or either party's owner decline it, the system expires it. On the broker side (notes, every transition, a
 * broker's decline, claims and assignments) only the assigned broker, a lead of its brokerage or an admin acts; a
 * broker acting on an unassigned match claims it ({@link BrokerAuthority}, from the identity directory). Every change
 * is checked in this order: visibility (404), role (403), authority (403: the caller may see the match but not act on
 * it; the body names the assigned broker's organisation), version (412), state (409 naming the allowed next states).
 * An assignment then checks its target against the directory (400). Every transition emits
 * {@code kechuang.match.status-changed} through the outbox and is written to the audit trail with who, when and why.
 */
@ApplicationScoped
@Transactional
public class MatchWorkflow {

    /** Allowed next states. MEETING_SCHEDULED → MEETING_SCHEDULED records a further meeting. */
    static final Map<MatchStatus, List<MatchStatus>> NEXT = new EnumMap<>(Map.of(
            MatchStatus.SUGGESTED, List.of(MatchStatus.SHORTLISTED, MatchStatus.INTRODUCED, MatchStatus.DECLINED),
            MatchStatus.SHORTLISTED, List.of(MatchStatus.INTRODUCED, MatchStatus.DECLINED),
            MatchStatus.INTRODUCED, List.of(MatchStatus.MEETING_SCHEDULED, MatchStatus.NEGOTIATING, MatchStatus.DECLINED),
            MatchStatus.MEETING_SCHEDULED, List.of(MatchStatus.MEETING_SCHEDULED, MatchStatus.NEGOTIATING, MatchStatus.DECLINED),
            MatchStatus.NEGOTIATING, List.of(MatchStatus.CONTRACTED, MatchStatus.DECLINED),
            MatchStatus.CONTRACTED, List.of(),
            MatchStatus.DECLINED, List.of(),
            MatchStatus.EXPIRED, List.of()));

    private static final Set<MatchStatus> INTRODUCIBLE = Set.of(MatchStatus.SUGGESTED, MatchStatus.SHORTLISTED);

    @Inject
    EntityManager em;

    @Inject
    MatchEvents events;

    @Inject
    MatchActivityLog activity;

    @Inject
    BrokerAuthority authority;

    public MatchSuggestion shortlist(Caller caller, UUID id, String ifMatch, Commands.Transition body) {
        return brokerMove(caller, id, ifMatch, "SHORTLIST", MatchStatus.SHORTLISTED, comment(body), null, m -> {
        });
    }

    public MatchSuggestion introduce(Caller caller, UUID id, String ifMatch, Commands.Transition body) {
        return brokerMove(caller, id, ifMatch, "INTRODUCE", MatchStatus.INTRODUCED, comment(body), null,
                m -> m.introducedAt = now());
    }

    public MatchSuggestion scheduleMeeting(Caller caller, UUID id, String ifMatch, Commands.Meeting meeting) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("at", meeting.at().toString());
        details.put("place", meeting.place());
        details.put("onlineLink", meeting.onlineLink());
        details.put("participants", meeting.participants());
        return brokerMove(caller, id, ifMatch, "SCHEDULE_MEETING", MatchStatus.MEETING_SCHEDULED, meeting.agenda(), details,
                m -> m.meeting = new MatchSuggestion.Meeting(meeting.at(), meeting.place(), meeting.onlineLink(),
                        meeting.participants() == null ? List.of() : List.copyOf(meeting.participants()), meeting.agenda()));
    }

    public MatchSuggestion negotiate(Caller caller, UUID id, String ifMatch, Commands.Transition body) {
        return brokerMove(caller, id, ifMatch, "NEGOTIATE", MatchStatus.NEGOTIATING, comment(body), null, m -> {
        });
    }

    public MatchSuggestion contract(Caller caller, UUID id, String ifMatch, Commands.Contract contract) {
        Map<String, Object> details = Map.of("amount", contract.amount().toPlainString(), "currency", contract.currency(),
                "cooperationMode", contract.cooperationMode().name(), "signedOn", contract.signedOn().toString());
        return brokerMove(caller, id, ifMatch, "CONTRACT", MatchStatus.CONTRACTED, contract.comment(), details, m -> {
            m.contractAmount = contract.amount();
            m.contractCurrency = contract.currency();
            m.contractMode = contract.cooperationMode();
            m.contractSignedOn = contract.signedOn();
            m.contractedAt = now();
        });
    }

    /**
     * The broker side (the assigned broker, a lead of its brokerage, an admin; any known broker on an unassigned
     * match, which stays unassigned), or the owner organisation of either side, declines with a reason code.
     */
    public MatchSuggestion decline(Caller caller, UUID id, String ifMatch, Commands.Decline decline) {
        MatchSuggestion m = visible(caller, id);
        Actor actor;
        if (caller.hasRole(Roles.BROKER) || caller.isAdmin()) {
            actor = authority.brokerSide(caller, m).actor();
        } else if (isDemandOwner(caller, m)) {
            actor = Actor.of(caller, Roles.ENTERPRISE);
        } else if (isAchievementOwner(caller, m)) {
            actor = Actor.of(caller, Roles.UNIVERSITY);
        } else {
            throw ProblemException.forbidden("Only brokers, admins and the two parties may decline a match");
        }
        if (decline.reasonCode() == MatchDeclineReason.NOT_RELEVANT) {
            throw ProblemException.validation("reasonCode",
                    "NOT_RELEVANT is an owner's label on its own suggestion: POST /api/matches/{id}/not-relevant");
        }
        Versions.checkMatch(ifMatch, m.version);
        requireNext(m, MatchStatus.DECLINED, "decline");
        m.declineReason = decline.reasonCode();
        m.declineComment = decline.comment();
        return move(m, "DECLINE", MatchStatus.DECLINED, actor, decline.reasonCode() + (decline.comment() == null ? ""
                : ": " + decline.comment()), Map.of("reasonCode", decline.reasonCode().name()));
    }

    /**
     * An owner says one of its own suggestions is not relevant: the enterprise on its demand's suggestion, the
     * university or institute on its achievement's. The pair becomes DECLINED with reason NOT_RELEVANT (final, so it
     * leaves the broker queue and is never rescored or suggested again), which is the owner's label on the matcher.
     * Only SUGGESTED and SHORTLISTED pairs: from the introduction on, the parties decline instead. Anyone else who
     * cannot see the match gets 404; a broker, an admin or a party acting outside its own role gets 403.
     */
    public MatchSuggestion notRelevant(Caller caller, UUID id, String ifMatch, Commands.NotRelevant body) {
        MatchSuggestion m = visible(caller, id);
        Actor actor;
        if (isDemandOwner(caller, m)) {
            actor = Actor.of(caller, Roles.ENTERPRISE);
        } else if (isAchievementOwner(caller, m)) {
            actor = Actor.of(caller, Roles.UNIVERSITY);
        } else {
            throw ProblemException.forbidden("Only the organisation that owns the demand or the achievement marks its "
                    + "own suggestion as not relevant");
        }
        Versions.checkMatch(ifMatch, m.version);
        if (!INTRODUCIBLE.contains(m.status)) {
            throw ProblemException.illegalTransition("Match", m.status, "mark as not relevant", names(NEXT.get(m.status)));
        }
        String reason = body == null ? null : body.reason();
        m.declineReason = MatchDeclineReason.NOT_RELEVANT;
        m.declineComment = null; // the reason stays in the audit trail, for brokers and admins, not the other party
        return move(m, "NOT_RELEVANT", MatchStatus.DECLINED, actor, reason,
                Map.of("reasonCode", MatchDeclineReason.NOT_RELEVANT.name(), "side", actor.role()));
    }

    /** The enterprise asks for an introduction: a flag, not a state; it lifts the match in the broker queue. */
    public MatchSuggestion requestIntroduction(Caller caller, UUID id) {
        MatchSuggestion m = visible(caller, id);
        if (!isDemandOwner(caller, m)) {
            throw ProblemException.forbidden("Only the enterprise that owns the demand may request an introduction");
        }
        if (!INTRODUCIBLE.contains(m.status)) {
            throw ProblemException.illegalTransition("Match", m.status, "request an introduction for",
                    names(NEXT.get(m.status)));
        }
        if (m.introductionRequestedAt == null) {
            m.introductionRequestedAt = now();
            m.updatedAt = m.introductionRequestedAt;
            activity.record(m, "REQUEST_INTRODUCTION", m.status, m.status, Actor.of(caller, Roles.ENTERPRISE), null, null);
            em.flush();
        }
        return m;
    }

    /** A broker known to the directory takes an unassigned match. */
    public MatchSuggestion claim(Caller caller, UUID id) {
        MatchSuggestion m = visible(caller, id);
        requireBroker(caller);
        BrokerAuthority.Acting acting = authority.claim(caller, m);
        if (acting.claims()) {
            assignTo(m, caller.subject(), acting.organisation(), acting.actor(), "CLAIM");
        }
        return m;
    }

    /**
     * Hands a match to an existing, enabled broker (re-assignment included): an admin anywhere, a lead within its
     * brokerage, the assigned broker (or a broker taking an unassigned match) within its own organisation.
     */
    public MatchSuggestion assign(Caller caller, UUID id, Commands.Assign assign) {
        MatchSuggestion m = visible(caller, id);
        BrokerAuthority.requireBrokerOrAdmin(caller);
        DirectoryUser target = authority.assignee(caller, m, assign.brokerSubject(), assign.brokerOrgId());
        assignTo(m, target.subject, target.organisationId, Actor.of(caller), "ASSIGN");
        return m;
    }

    /** A note in the audit trail, by the broker side; a note does not claim the match. */
    public MatchActivity note(Caller caller, UUID id, Commands.Note note) {
        MatchSuggestion m = visible(caller, id);
        BrokerAuthority.requireBrokerOrAdmin(caller);
        Actor actor = authority.brokerSide(caller, m).actor();
        return activity.record(m, "NOTE", m.status, m.status, actor, note.text(), null);
    }

    /**
     * One page of the audit trail, oldest first, for admins and the broker side: the brokers of the assigned broker's
     * brokerage, or every broker while the match is unassigned. A competing brokerage's notes stay with it (403).
     */
    public Page<MatchActivity> trail(Caller caller, UUID id, PageRequest page) {
        MatchSuggestion m = visible(caller, id);
        if (!caller.hasRole(Roles.BROKER) && !caller.isAdmin()) {
            throw ProblemException.forbidden("The audit trail is for brokers and admins");
        }
        authority.mayReadTrail(caller, m);
        return activity.trail(m, page);
    }

    /** The match if the caller may see it: brokers, admins and the two owner organisations; else 404. */
    public MatchSuggestion visible(Caller caller, UUID id) {
        MatchSuggestion m = MatchSuggestion.findById(id);
        if (m == null || !(caller.hasRole(Roles.BROKER) || caller.isAdmin() || caller.belongsTo(m.demandOwnerOrgId)
                || caller.belongsTo(m.achievementOwnerOrgId))) {
            throw ProblemException.notFound("Match", id);
        }
        return m;
    }

    private MatchSuggestion brokerMove(Caller caller, UUID id, String ifMatch, String action, MatchStatus target,
            String reason, Map<String, Object> details, Consumer<MatchSuggestion> apply) {
        MatchSuggestion m = visible(caller, id);
        BrokerAuthority.requireBrokerOrAdmin(caller);
        BrokerAuthority.Acting acting = authority.brokerSide(caller, m);
        Versions.checkMatch(ifMatch, m.version);
        requireNext(m, target, action.toLowerCase().replace('_', ' '));
        if (acting.claims()) {
            assignTo(m, caller.subject(), acting.organisation(), acting.actor(), "CLAIM");
        }
        apply.accept(m);
        return move(m, action, target, acting.actor(), reason, details);
    }

    private MatchSuggestion move(MatchSuggestion m, String action, MatchStatus target, Actor actor, String reason,
            Map<String, Object> details) {
        MatchStatus from = m.status;
        m.status = target;
        m.updatedAt = now();
        m.statusChangedAt = m.updatedAt;
        activity.record(m, action, from, target, actor, reason, details);
        events.changed(m);
        return m;
    }

    private void assignTo(MatchSuggestion m, String subject, UUID org, Actor actor, String action) {
        String previous = m.brokerSubject;
        m.brokerSubject = subject;
        m.brokerOrgId = org;
        m.updatedAt = now();
        activity.record(m, action, m.status, m.status, actor, previous == null ? null : "previously " + previous,
                Map.of("brokerSubject", subject, "brokerOrgId", String.valueOf(org)));
        // The status is unchanged, but the demand service learns from this event which broker may now read the
        // demand's confidential details.
        events.changed(m);
    }

    private static void requireNext(MatchSuggestion m, MatchStatus target, String action) {
        List<MatchStatus> next = NEXT.get(m.status);
        if (!next.contains(target)) {
            throw ProblemException.illegalTransition("Match", m.status, action, names(next));
        }
    }

    private static void requireBroker(Caller caller) {
        if (!caller.hasRole(Roles.BROKER)) {
            throw ProblemException.forbidden("Only brokers claim a match");
        }
    }

    private static boolean isDemandOwner(Caller caller, MatchSuggestion m) {
        return caller.hasRole(Roles.ENTERPRISE) && caller.belongsTo(m.demandOwnerOrgId);
    }

    private static boolean isAchievementOwner(Caller caller, MatchSuggestion m) {
        return caller.hasRole(Roles.UNIVERSITY) && caller.belongsTo(m.achievementOwnerOrgId);
    }

    private static List<String> names(List<MatchStatus> states) {
        return states.stream().map(Enum::name).toList();
    }

    private static String comment(Commands.Transition body) {
        return body == null ? null : body.comment();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}

package io.kechuang.matching.workflow;

import io.kechuang.common.problem.Problem;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.common.security.Caller;
import io.kechuang.common.security.Roles;
import io.kechuang.matching.directory.Directory;
import io.kechuang.matching.directory.DirectoryOrganisation;
import io.kechuang.matching.directory.DirectoryUser;
import io.kechuang.matching.match.Actor;
import io.kechuang.matching.match.MatchSuggestion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Who may act on the broker side of a match, from the {@link Directory} rather than from the token alone:
 * <ul>
 * <li>an admin, anywhere;</li>
 * <li>the assigned broker;</li>
 * <li>a lead of the assigned broker's brokerage (a directory user with {@code lead} set, in the match's
 * {@code brokerOrgId});</li>
 * <li>on an unassigned match, any broker, who claims it by acting.</li>
 * </ul>
 * Every broker must be known to the directory as an enabled user in the BROKER role, of the organisation its token
 * names (and that organisation must not be disabled): a token alone is not enough. Refusals are 403 problem+json; the
 * one for a match held elsewhere names the assigned broker's organisation (id and, where known, name), never the
 * broker.
 */
@ApplicationScoped
public class BrokerAuthority {

    @Inject
    Directory directory;

    /**
     * How a caller acts on the broker side.
     *
     * @param claims whether the caller is a broker taking an unassigned match
     * @param organisation the acting broker's organisation from the directory; null for an admin
     */
    public record Acting(Actor actor, boolean claims, UUID organisation) {
    }

    /** Brokers and admins act on the broker side; anyone else fails the role check (403). */
    static void requireBrokerOrAdmin(Caller caller) {
        if (!caller.hasRole(Roles.BROKER) && !caller.isAdmin()) {
            throw ProblemException.forbidden("Only brokers and admins act on the broker side of a match");
        }
    }

    /** The authority check for a caller who passed the role check: how it acts on {@code m}, or a 403. */
    Acting brokerSide(Caller caller, MatchSuggestion m) {
        if (caller.isAdmin()) {
            return new Acting(Actor.of(caller, Roles.ADMIN), false, null);
        }
        DirectoryUser me = knownBroker(caller);
        Actor actor = Actor.of(caller, Roles.BROKER);
        if (m.brokerSubject == null) {
            return new Acting(actor, true, me.organisationId);
        }
        if (m.brokerSubject.equals(caller.subject()) || leads(me, m.brokerOrgId)) {
            return new Acting(actor, false, me.organisationId);
        }
        throw heldElsewhere(m);
    }

    /**
     * Whether a broker reads the audit trail of {@code m} (notes included): admins always; brokers of the brokerage
     * holding the match, or any broker while nobody holds it; else 403 naming the holding brokerage. Reading needs no
     * directory entry: the token's organisation decides, as for every other read.
     */
    void mayReadTrail(Caller caller, MatchSuggestion m) {
        if (caller.isAdmin() || m.brokerSubject == null || caller.belongsTo(m.brokerOrgId)) {
            return;
        }
        throw heldElsewhere(m);
    }

    /** A broker taking a match for itself: unassigned, or already its own. Leads reassign instead. */
    Acting claim(Caller caller, MatchSuggestion m) {
        DirectoryUser me = knownBroker(caller);
        if (m.brokerSubject != null && !m.brokerSubject.equals(caller.subject())) {
            throw heldElsewhere(m);
        }
        return new Acting(Actor.of(caller, Roles.BROKER), m.brokerSubject == null, me.organisationId);
    }

    /**
     * Hands {@code m} to the broker {@code subject}: an admin anywhere; a lead within its own brokerage (a match of a
     * colleague's included); the assigned broker, or a broker taking an unassigned match, only to a broker of its
     * own organisation. The target must be an enabled directory broker (400 naming {@code brokerSubject}), of
     * {@code orgId} if the caller names one (400 naming {@code brokerOrgId}).
     *
     * @return the target broker
     */
    DirectoryUser assignee(Caller caller, MatchSuggestion m, String subject, UUID orgId) {
        UUID callerOrg = null;
        if (!caller.isAdmin()) {
            callerOrg = brokerSide(caller, m).organisation();
        }
        DirectoryUser target = directory.user(subject).orElseThrow(() -> ProblemException.validation("brokerSubject",
                "no user with this subject is known to the platform's directory"));
        if (!target.enabled || !organisationEnabled(target.organisationId)) {
            throw ProblemException.validation("brokerSubject", "this user is disabled and cannot be assigned a match");
        }
        if (!target.isActiveBroker()) {
            throw ProblemException.validation("brokerSubject", "this user is not a broker");
        }
        if (orgId != null && !orgId.equals(target.organisationId)) {
            throw ProblemException.validation("brokerOrgId", "is not the organisation of the broker " + subject);
        }
        if (callerOrg != null && !callerOrg.equals(target.organisationId)) {
            throw ProblemException.forbidden("A broker hands a match only to a broker of its own organisation; "
                    + "an admin can assign it elsewhere");
        }
        return target;
    }

    /** The caller as the directory knows it: an enabled broker of the organisation its token names; else 403. */
    private DirectoryUser knownBroker(Caller caller) {
        Optional<DirectoryUser> found = directory.user(caller.subject())
                .filter(u -> u.organisationId.equals(caller.orgId()));
        if (found.isEmpty()) {
            throw ProblemException.forbidden("The platform's directory does not know you as a user of your "
                    + "organisation; brokers act on matches only once the directory knows them");
        }
        DirectoryUser me = found.get();
        if (!me.enabled || !organisationEnabled(me.organisationId)) {
            throw ProblemException.forbidden("Your account is disabled in the platform's directory");
        }
        if (!me.isActiveBroker()) {
            throw ProblemException.forbidden("The platform's directory does not know you as a broker");
        }
        return me;
    }

    private boolean organisationEnabled(UUID id) {
        return directory.organisation(id).map(o -> o.enabled).orElse(true);
    }

    private static boolean leads(DirectoryUser me, UUID brokerage) {
        return me.lead && me.organisationId.equals(brokerage);
    }

    /** 403 naming the organisation of the broker who holds the match, never the broker. */
    private ProblemException heldElsewhere(MatchSuggestion m) {
        Optional<DirectoryOrganisation> org = directory.organisation(m.brokerOrgId);
        String name = org.map(o -> o.name).orElse(null);
        Problem.Builder problem = Problem.of(403, "forbidden", "Forbidden")
                .detail("The match is assigned to a broker of " + (name != null ? name : "another organisation")
                        + "; only that broker, a lead of that brokerage or an admin may act on it");
        if (m.brokerOrgId != null) {
            Map<String, Object> organisation = new LinkedHashMap<>();
            organisation.put("id", m.brokerOrgId.toString());
            if (name != null) {
                organisation.put("name", name);
            }
            problem.with("assignedBrokerOrganisation", organisation);
        }
        return new ProblemException(problem.build());
    }
}

package io.kechuang.demand.service;

import static io.kechuang.demand.service.DemandService.DEMANDS;

import io.kechuang.common.listing.Disclosure;
import io.kechuang.common.listing.Listings;
import io.kechuang.common.match.MatchLinks;
import io.kechuang.common.paging.Page;
import io.kechuang.common.paging.PageRequest;
import io.kechuang.common.problem.ProblemException;
import io.kechuang.common.security.Caller;
import io.kechuang.common.security.Roles;
import io.kechuang.demand.ConfidentialRead;
import io.kechuang.demand.Demand;
import io.kechuang.demand.mapping.DemandMapper;
import io.kechuang.demand.rest.ConfidentialReadView;
import io.kechuang.demand.rest.DemandView;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The broker assigned to a match of a demand reads its confidential details and contact, and every such read is
 * audited in the same transaction that serves it. The broker is the one the latest match event names (token subject,
 * and organisation where the event has one), while the match is neither declined nor expired; other brokers get the
 * public view. The owning enterprise and admins read the audit trail back.
 */
@ApplicationScoped
@Transactional
public class ConfidentialReads {

    private static final Logger LOG = Logger.getLogger(ConfidentialReads.class);

    @Inject
    MatchLinks matches;

    @Inject
    Listings listings;

    @Inject
    EntityManager em;

    /** The demand with its confidential parts, if the caller is a broker assigned to one of its matches; audited. */
    public Optional<DemandView> asAssignedBroker(Caller caller, UUID demandId) {
        if (!caller.hasRole(Roles.BROKER) || caller.isAdmin()) {
            return Optional.empty();
        }
        Optional<UUID> match = matches.assignedTo(demandId, caller);
        Demand demand = match.isEmpty() ? null : em.find(Demand.class, demandId);
        if (demand == null || demand.disclosesTo(caller)) {
            return Optional.empty();
        }
        ConfidentialRead read = new ConfidentialRead();
        read.demandId = demandId;
        read.matchId = match.get();
        read.readerSubject = caller.subject();
        read.readerOrgId = caller.orgId();
        read.readAt = OffsetDateTime.now(ZoneOffset.UTC);
        read.persist();
        LOG.infof("Broker %s read the confidential details of demand %s through match %s", caller.subject(), demandId,
                read.matchId);
        return Optional.of(DemandMapper.toView(demand, Disclosure.CONFIDENTIAL));
    }

    /** Who read the demand's confidential details, newest first: for the owning enterprise and admins. */
    public Page<ConfidentialReadView> trail(Caller caller, UUID demandId, PageRequest page) {
        Demand demand = em.find(Demand.class, demandId);
        if (demand == null || !demand.disclosesTo(caller)) {
            listings.get(DEMANDS, caller, demandId); // 404 for whoever may not even see the demand
            throw ProblemException.forbidden("Only the owning enterprise and admins may read who saw the confidential details");
        }
        var reads = ConfidentialRead.find("demandId", Sort.descending("readAt").and("id", Sort.Direction.Descending),
                demandId).page(page.page, page.size);
        return Page.of(reads.<ConfidentialRead>list().stream()
                .map(r -> new ConfidentialReadView(r.matchId, r.readerSubject, r.readerOrgId, r.readAt)).toList(),
                page, reads.count());
    }
}

package io.kechuang.demand;

import static org.hamcrest.Matchers.equalTo;

import io.kechuang.events.EventEnvelope;
import io.kechuang.events.EventTypes;
import io.kechuang.events.match.MatchState;
import io.kechuang.events.match.MatchStatus;
import io.kechuang.listing.match.MatchLinks;
import io.kechuang.listing.match.MatchReaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A decline of a demand's last introduced match and the introduction of another of its matches, applied at the same
 * time (two partitions, two replicas), against the real database: whichever commits first, the demand ends in
 * negotiation, never back on the open market while a match is introduced.
 */
@QuarkusTest
class NegotiationRaceTest {

    @Inject
    MatchLinks links;

    @Inject
    MatchReaction reaction;

    @Test
    void aDeclineRacingAnotherIntroductionLeavesTheDemandInNegotiation() throws Exception {
        DemandApi.Enterprise owner = DemandApi.Enterprise.register();
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            race(owner, threads);
        }
    }

    private void race(DemandApi.Enterprise owner, ExecutorService threads) throws Exception {
        for (int round = 0; round < 8; round++) {
            String id = DemandApi.opened(owner.user(), DemandApi.openable("氢燃料电池膜电极衰减诊断 " + round));
            UUID demand = UUID.fromString(id);
            UUID first = UUID.randomUUID();
            UUID second = UUID.randomUUID();
            links.apply(event(first, demand, owner.org(), 1, MatchStatus.INTRODUCED), reaction);
            DemandApi.read(owner.user(), id).statusCode(200).body("status", equalTo("IN_NEGOTIATION"));

            CyclicBarrier start = new CyclicBarrier(2);
            CompletableFuture<Boolean> decline = CompletableFuture.supplyAsync(() -> {
                await(start);
                return links.apply(event(first, demand, owner.org(), 2, MatchStatus.DECLINED), reaction);
            }, threads);
            CompletableFuture<Boolean> introduce = CompletableFuture.supplyAsync(() -> {
                await(start);
                return links.apply(event(second, demand, owner.org(), 1, MatchStatus.INTRODUCED), reaction);
            }, threads);
            CompletableFuture.allOf(decline, introduce).get(30, TimeUnit.SECONDS);

            DemandApi.read(owner.user(), id).statusCode(200).body("status", equalTo("IN_NEGOTIATION"));
        }
    }

    private static EventEnvelope<MatchState> event(UUID match, UUID demand, UUID enterprise, long version,
            MatchStatus status) {
        MatchState state = new MatchState(match, demand, UUID.randomUUID(), enterprise, UUID.randomUUID(), status, 0.8,
                version, OffsetDateTime.now(ZoneOffset.UTC), null, null, null);
        return EventEnvelope.of(EventTypes.MATCH_STATUS_CHANGED, "/services/matching-service", match.toString(), version,
                state);
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

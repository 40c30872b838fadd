package io.kechuang.testing.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.kechuang.events.match.MatchStatus;
import io.kechuang.testing.MatchEvents;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The fixtures of a listing service's consent and NDA operations, on top of {@link ListingFixtures}' {@code draft},
 * public record, {@code resync-run} and {@code import-job}. Each is a listing on the market with a match between the
 * world's enterprise and university, assigned to the world's {@code broker} of its brokerage, published on {@code matches.v1} as the
 * matching service does ({@link MatchEvents}) and awaited until the listing service applied it:
 * <ul>
 * <li>{@code assigned}: the match is SHORTLISTED (the counterpart is not introduced);</li>
 * <li>{@code introduced}: the match is INTRODUCED, so the counterpart organisation is introduced;</li>
 * <li>{@code pending}: {@code assigned}, and the broker requested access (the table's body
 * {@code access-request});</li>
 * <li>{@code granted}: {@code pending}, and the owner granted it;</li>
 * <li>{@code nda}: {@code assigned}, and the owner requires an NDA (body {@code nda}; version 1);</li>
 * <li>{@code introduced-nda}: {@code introduced}, and the owner requires an NDA;</li>
 * <li>{@code reassigned}: {@code pending}, then the match was reassigned to the world's {@code foreign-broker} (of
 * the foreign brokerage), which lapsed the request.</li>
 * </ul>
 * Variables: the listing's {@code id} and {@code If-Match}, {@code matchId}, {@code requestId} where there is a
 * request (whose admin read is then the witness), {@code termsVersion} where an NDA is required. Batches publish their
 * matches at once and wait once.
 */
public final class ConsentFixtures implements Fixtures {

    /** Which side of a match the service's listings are, and so who owns them and who is the counterpart. */
    public enum Side {
        /** Demands, owned by the world's enterprise; the university is the counterpart. */
        DEMAND("enterprise"),
        /** Achievements, owned by the world's university; the enterprise is the counterpart. */
        ACHIEVEMENT("university");

        private final String ownerRole;

        Side(String ownerRole) {
            this.ownerRole = ownerRole;
        }

        MatchEvents.Match matchOf(UUID listing, SecurityWorld world) {
            UUID other = UUID.randomUUID();
            return this == DEMAND ? MatchEvents.Match.between(listing, world.enterprise, other, world.university)
                    : MatchEvents.Match.between(other, world.enterprise, listing, world.university);
        }
    }

    /** What a fixture name stands for. */
    private record Kind(MatchStatus status, boolean request, boolean grant, boolean nda, boolean reassign) {

        static final Map<String, Kind> BY_NAME = Map.of(
                "assigned", new Kind(MatchStatus.SHORTLISTED, false, false, false, false),
                "introduced", new Kind(MatchStatus.INTRODUCED, false, false, false, false),
                "pending", new Kind(MatchStatus.SHORTLISTED, true, false, false, false),
                "granted", new Kind(MatchStatus.SHORTLISTED, true, true, false, false),
                "nda", new Kind(MatchStatus.SHORTLISTED, false, false, true, false),
                "introduced-nda", new Kind(MatchStatus.INTRODUCED, false, false, true, false),
                "reassigned", new Kind(MatchStatus.SHORTLISTED, true, false, false, true));
    }

    private final ListingFixtures listings;
    private final SecurityWorld world;
    private final Side side;
    private final MatchEvents matches;
    private final String collection;
    private final String publicName;
    private final String ownerToken;
    private final String brokerToken;
    private final JsonNode accessRequest;
    private final JsonNode nda;
    private final Map<String, String> vars;

    /**
     * @param matches publishes on {@code matches.v1} and waits for the service's consumer group; the caller closes it
     *        once the suite has run (fixtures are also made while it runs)
     */
    public ConsentFixtures(ListingFixtures listings, SecurityWorld world, Side side, MatchEvents matches,
            SecurityTable table, String collection, String publicName) {
        this.listings = listings;
        this.world = world;
        this.side = side;
        this.matches = matches;
        this.collection = collection;
        this.publicName = publicName;
        this.ownerToken = world.token(side.ownerRole);
        this.brokerToken = world.token("broker");
        this.accessRequest = table.body("access-request");
        this.nda = table.body("nda");
        this.vars = world.vars();
    }

    /**
     * The security suite of a listing service with its consent fixtures: {@link ListingFixtures#suite} with the
     * records above.
     */
    public static SecuritySuite.Builder suite(String service, URI base, String collection, Side side, String bodyName,
            String publicAction, String publicName, MatchEvents matches) {
        SecurityWorld world = new SecurityWorld();
        SecurityTable table = SecurityTable.load(service);
        ListingFixtures listings = new ListingFixtures(base, collection, world.token(side.ownerRole),
                world.token("admin"), table.body(bodyName), table.body(bodyName + "-csv"), world.vars(), publicAction,
                publicName);
        return SecuritySuite.forService(service, base).tokens(world).vars(world.vars())
                .fixtures(new ConsentFixtures(listings, world, side, matches, table, collection, publicName));
    }

    @Override
    public Fixture create(String name) {
        return create(name, 1).get(0);
    }

    @Override
    public List<Fixture> create(String name, int count) {
        Kind kind = Kind.BY_NAME.get(name);
        if (kind == null) {
            return listings.create(name, count);
        }
        List<Fixture> made = new ArrayList<>();
        List<MatchEvents.Match> matchesMade = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Fixture listing = listings.create(publicName);
            MatchEvents.Match match = side.matchOf(UUID.fromString(listing.vars().get("id")), world)
                    .assign(world.broker, world.brokerage);
            matches.publish(match.next(MatchStatus.SUGGESTED), match.next(kind.status()));
            made.add(listing);
            matchesMade.add(match);
        }
        matches.awaitConsumed();
        List<Fixture> fixtures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            fixtures.add(prepare(kind, made.get(i), matchesMade.get(i).id()));
        }
        if (kind.reassign()) {
            for (MatchEvents.Match match : matchesMade) {
                matches.publish(match.assign(world.foreignBroker, world.foreignBrokerage).next(kind.status()));
            }
            matches.awaitConsumed();
        }
        return fixtures;
    }

    /** The owner's and the broker's steps after the match reached the service. */
    private Fixture prepare(Kind kind, Fixture listing, UUID matchId) {
        Map<String, String> v = new HashMap<>(listing.vars());
        v.put("matchId", matchId.toString());
        String path = collection + "/" + v.get("id");
        String witness = listing.witness();
        if (kind.request()) {
            Map<String, String> fill = new HashMap<>(vars);
            fill.putAll(v);
            HttpResponse<String> requested = listings.send("POST", path + "/access-requests", brokerToken,
                    SecuritySuite.fill(accessRequest, fill).toString(), 201);
            String requestId = ListingFixtures.json(requested).path("id").asText();
            v.put("requestId", requestId);
            witness = path + "/access-requests/" + requestId;
            if (kind.grant()) {
                listings.send("POST", witness + "/grant", ownerToken, null, 200);
            }
        }
        if (kind.nda()) {
            HttpResponse<String> required = listings.send("PUT", path + "/nda", ownerToken,
                    SecuritySuite.fill(nda, vars).toString(), 200);
            v.put("termsVersion", ListingFixtures.json(required).path("termsVersion").asText());
        }
        return Fixture.of(v, witness);
    }
}

package io.kechuang.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.common.problem.FieldError;
import io.kechuang.common.security.Caller;
import io.kechuang.common.security.Roles;
import io.kechuang.events.taxonomy.CooperationMode;
import io.kechuang.events.taxonomy.OrgType;
import io.kechuang.events.taxonomy.TechnicalField;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ListingTest {

    static final class Thing extends Listing {
    }

    record Request(String title, List<String> keywords, TechnicalField technicalField, List<String> ipcCodes,
            Set<CooperationMode> cooperationModes, ContactInput contact, String region, String language)
            implements ListingRequest {
    }

    static final Caller OWNER = new Caller("liu@battery", UUID.randomUUID(), OrgType.ENTERPRISE, Set.of(Roles.ENTERPRISE));

    @Test
    void aNewListingBelongsToTheCallersOrganisation() {
        Thing thing = new Thing();
        thing.claimFor(OWNER);
        assertEquals(OWNER.orgId(), thing.ownerOrgId);
        assertEquals("liu@battery", thing.createdBy);
        assertEquals(thing.createdAt, thing.updatedAt);
        assertTrue(thing.disclosesTo(OWNER));
        assertFalse(thing.disclosesTo(new Caller("x", UUID.randomUUID(), OrgType.ENTERPRISE, Set.of(Roles.ENTERPRISE))));
        assertTrue(thing.disclosesTo(new Caller("admin", null, OrgType.PLATFORM, Set.of(Roles.ADMIN))));
    }

    @Test
    void theSharedPartsAreTidiedWhenApplied() {
        Thing thing = new Thing();
        thing.applyShared(new Request("  电池健康状态估计 ", List.of("电池", "电池", "储能"), TechnicalField.NEW_ENERGY,
                null, null, new ContactInput("刘工", null, "rd@example.com"), "510100", null));
        assertEquals("电池健康状态估计", thing.title);
        assertEquals(List.of("电池", "储能"), thing.keywords);
        assertEquals(List.of(), thing.ipcCodes);
        assertEquals(Set.of(), thing.cooperationModes);
        assertEquals(new Listing.Contact("刘工", null, "rd@example.com"), thing.contact);
        assertEquals("zh", thing.language, "the default language");
    }

    @Test
    void readinessNamesEverySharedFieldAListingOnTheMarketNeeds() {
        Thing empty = new Thing();
        assertEquals(List.of(
                new FieldError("keywords", "at least one keyword is required to open"),
                new FieldError("technicalField", "is required to open"),
                new FieldError("cooperationModes", "at least one cooperation mode is required to open"),
                new FieldError("region", "is required to open"),
                new FieldError("contact", "is required to open")), empty.readiness("to open").list());

        Thing unreachable = ready();
        unreachable.contact = new Listing.Contact("刘工", " ", null);
        assertEquals(List.of(new FieldError("contact", "needs a phone or an email")),
                unreachable.readiness("to publish").list());
        assertEquals(List.of(), ready().readiness("to publish").list());
    }

    @Test
    void disclosureGrowsFromThePublicPartsToEverything() {
        assertFalse(Disclosure.PUBLIC.contact());
        assertTrue(Disclosure.CONTACT.contact() && !Disclosure.CONTACT.confidential());
        assertTrue(Disclosure.CONFIDENTIAL.confidential() && !Disclosure.CONFIDENTIAL.owner());
        assertTrue(Disclosure.OWNER.contact() && Disclosure.OWNER.confidential() && Disclosure.OWNER.owner());
    }

    @Test
    void aTransitionChangesMoreThanItsStatusInOrder() {
        List<String> changes = new ArrayList<>();
        Transition<Thing, Disclosure> move = Transition.<Thing, Disclosure>to(Disclosure.OWNER, "claim", "claimed")
                .also(t -> changes.add("first"))
                .also(t -> changes.add("second"));
        move.alsoChange().accept(new Thing());
        assertEquals(List.of("first", "second"), changes);
        assertEquals("claim", move.action());
        assertEquals(Disclosure.OWNER, move.target());
        assertEquals("claimed", move.eventType());
        assertNull(new Thing().contact);
    }

    private static Thing ready() {
        Thing thing = new Thing();
        thing.keywords = List.of("电池");
        thing.technicalField = TechnicalField.NEW_ENERGY;
        thing.cooperationModes = Set.of(CooperationMode.LICENCE);
        thing.region = "510100";
        thing.contact = new Listing.Contact("刘工", "028-86000000", null);
        return thing;
    }
}

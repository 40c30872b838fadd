package io.kechuang.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kechuang.events.access.AccessScope;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What an owner's grant discloses to a broker: exactly the scopes granted, never the owner's own notes. */
class DisclosureTest {

    @Test
    void aGrantDisclosesExactlyItsScopes() {
        assertEquals(Disclosure.PUBLIC, Disclosure.granted(Set.of()));
        assertEquals(Disclosure.CONTACT, Disclosure.granted(Set.of(AccessScope.CONTACT)));
        assertEquals(Disclosure.DETAILS, Disclosure.granted(Set.of(AccessScope.DETAILS)));
        assertEquals(Disclosure.CONFIDENTIAL, Disclosure.granted(EnumSet.allOf(AccessScope.class)));
    }

    @Test
    void detailsWithoutTheContactAndNothingOfTheOwnersOwn() {
        assertTrue(Disclosure.DETAILS.confidential());
        assertFalse(Disclosure.DETAILS.contact());
        assertTrue(Disclosure.CONTACT.contact());
        assertFalse(Disclosure.CONTACT.confidential());
        for (Disclosure granted : new Disclosure[] {Disclosure.CONTACT, Disclosure.DETAILS, Disclosure.CONFIDENTIAL}) {
            assertFalse(granted.owner());
        }
        assertFalse(Disclosure.PUBLIC.contact() || Disclosure.PUBLIC.confidential());
    }
}
